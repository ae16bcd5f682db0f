/**
 * Small articles for server-library tests, written for them: two servers' notes that share words ("river
 * Velmar", "bridge") but not facts, so a leak from one server into the other shows, and one article in the
 * seed's stripped format (one line, no periods, spaced commas, escaped parentheses, split possessives).
 */

export const valleyNotes = [
  "# The Green Valley",
  "The Green Valley lies along the river Velmar. The river Velmar floods the valley every spring, and farmers move their herds to the hills.",
  "## Farming",
  "Barley and rye are grown on the valley floor. An old wooden bridge carries carts across the river to the mill.",
].join("\n\n");

export const bridgeNotes = [
  "# The Velmar Bridge",
  "The stone bridge over the river Velmar was built in 1820 by the engineer Tomas Reyn. It replaced a ferry that had crossed the river since medieval times.",
  "## Repairs",
  "The bridge was repaired in 1911 after a flood washed away its northern arch.",
].join("\n\n");

export const lighthouseStripped =
  "The Kestrel Lighthouse stands on a granite reef off the coast of Morvane , a fishing town in the north It was lit for the first time in 1867 , after storms had wrecked eleven ships on the reef \\( known as the Black Teeth \\) in a single winter History The keeper 's cottage was added in 1872 by the harbour board The lamp was electrified in 1931 and the last keeper left in 1989 thumb 250px The lighthouse from the harbour References External links Official site Category Lighthouses";
