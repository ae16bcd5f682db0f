/**
 * Closed word classes of English that sentence and heading recovery rely on.
 * They describe English and Wikipedia conventions, never a particular article.
 */

function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.trim().split(/\s+/u));
}

/** Words that, capitalised after a sentence-final word, start a new sentence (lower-cased here). */
export const SENTENCE_OPENERS = wordSet(`
  the a an it its he she they we his her their our this these those there
  in on at after before during following according throughout under for from by with without within
  since until till upon over among despite although though while when where as because if once
  most many several some both each every all few no none other another such
  today inside outside later earlier however meanwhile also then thus hence yet but so nevertheless
  instead unlike one two three four five six seven eight nine ten`);

/** Lower-case words a sentence cannot end on: articles, prepositions, conjunctions, auxiliaries. */
export const NON_FINAL_WORDS = wordSet(`
  the a an of in on at by for to from with into onto and or but nor as than that which who whom whose
  his her its their our my your this these those is was were are be been being has have had
  do does did will would shall should can could may might must very most more such near toward towards
  across along about between among through throughout during since until against without within upon
  like via per whose whereas if except when where while over including unlike beside besides despite
  ul al e el bin ibn de da di du la van von`);

/** Words that open a subordinate or contrasting clause; the clause needs a verb of its own before it ends. */
export const CLAUSE_OPENERS = wordSet(`but after before when while whereas although though because since
  until unless if`);

/** Auxiliary verbs: a heading never contains one. */
export const AUXILIARY_VERBS = wordSet(`is was were are be been being has have had do does did will would
  shall should can could may might must`);

/**
 * Words after which a capitalised word continues the sentence as a name or quotation:
 * titles and roles (`emperor Aurangzeb`) and verbs that introduce names (`known Monal`).
 */
export const NAME_INTRODUCERS = wordSet(`
  emperor empress king queen prince princess sultan caliph shah leader officer general president
  minister premier poet philosopher writer author artist architect engineer scholar cleric preacher
  prophet saint sheikh colonel captain major lieutenant commander chief governor mayor judge justice
  senator ambassador bishop pope lord lady sir mr mrs ms dr professor chancellor secretary advisor
  adviser spokesman spokeswoman founder director ruler brother sister son sons daughter daughters
  father mother wife husband uncle aunt nephew niece cousin
  called named known titled entitled dubbed nicknamed renamed translated include includes included
  including then anti pro former late sentence slogan motto said says stated reads`);

/** Titles written before a personal name (`Maulana Muhammad Abdullah`, `General Zia`), lower-cased. */
export const HONORIFICS = wordSet(`
  maulana mullah mufti sheikh shaikh imam hazrat syed sayyid allama general president king queen emperor
  empress prince princess sultan caliph sir lord lady dr mr mrs ms saint pope colonel captain major`);

/** Capitalised nouns that end place and organisation names (`Margalla Pass`, `Masjid Road`). */
export const NAME_HEADS = wordSet(`
  road street avenue lane highway motorway mosque masjid church temple cathedral shrine tomb park
  garden gardens lake river gate fort palace tower bridge hill hills mountain mountains pass valley
  island bay sea ocean desert forest peak range district province division state city town village
  square market bazaar museum university college school hospital airport station dam canal authority
  board court ministry department conference league party army council committee association society
  institute foundation company corporation bank agency office stadium hall library centre center
  summit war wars treaty agreement act`);

/** Single-word section titles common in Wikipedia articles. */
export const HEADING_WORDS = wordSet(`
  history geography etymology background aftermath architecture restoration legacy overview
  description design location climate demographics economy culture education transport
  transportation reception controversy controversies gallery structure features construction
  administration governance politics religion tourism sports wildlife ecology flora fauna geology
  biography career death current origins toponymy significance incidents activities facilities
  layout`);

/** Month names (a heading or date may start with one). */
export const MONTHS = wordSet(`january february march april may june july august september october
  november december`);
