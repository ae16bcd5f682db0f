// Type declarations for the natural submodules imported directly (importing natural whole
// pulls in database drivers and prints dotenv tips on stdout).
declare module "natural/lib/natural/stemmers/porter_stemmer.js" {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
