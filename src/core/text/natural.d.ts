// Type declarations for the natural submodules imported directly (importing natural whole
// pulls in database drivers and prints dotenv tips on stdout).
declare module "natural/lib/natural/stemmers/porter_stemmer.js" {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module "natural/lib/natural/wordnet/wordnet.js" {
  interface WordNetEntry {
    pos: string;
    synonyms: string[];
  }
  class WordNet {
    lookup(word: string, callback: (entries: WordNetEntry[]) => void): void;
  }
  export default WordNet;
}
