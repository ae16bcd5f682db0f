/**
 * Past forms of common irregular English verbs and their base form, so `took` matches `take` and
 * `built` matches `build` (Porter stemming only handles regular inflection).
 */
const IRREGULAR_FORMS = `arise arose arisen|be was were been|bear bore born borne|beat beat beaten|become became|begin began begun
bend bent|bind bound|bite bit bitten|bleed bled|blow blew blown|break broke broken|breed bred|bring brought
build built|burn burnt|burst burst|buy bought|catch caught|choose chose chosen|cling clung|come came|cost cost
creep crept|deal dealt|dig dug|do did done|draw drew drawn|dream dreamt|drink drank drunk|drive drove driven
eat ate eaten|fall fell fallen|feed fed|feel felt|fight fought|find found|flee fled|fly flew flown
forbid forbade forbidden|forget forgot forgotten|forgive forgave forgiven|freeze froze frozen|get got gotten
give gave given|go went gone|grind ground|grow grew grown|hang hung|have had|hear heard|hide hid hidden
hit hit|hold held|hurt hurt|keep kept|kneel knelt|know knew known|lay laid|lead led|lean leant|leap leapt
learn learnt|leave left|lend lent|let let|lie lay lain|light lit|lose lost|make made|mean meant|meet met
pay paid|put put|quit quit|read read|ride rode ridden|ring rang rung|rise rose risen|run ran|say said
see saw seen|seek sought|sell sold|send sent|set set|shake shook shaken|shine shone|shoot shot|show shown
shrink shrank shrunk|shut shut|sing sang sung|sink sank sunk|sit sat|sleep slept|slide slid|speak spoke spoken
spend spent|spin spun|split split|spread spread|spring sprang sprung|stand stood|steal stole stolen|stick stuck
sting stung|strike struck|strive strove striven|swear swore sworn|sweep swept|swim swam swum|swing swung
take took taken|teach taught|tear tore torn|tell told|think thought|throw threw thrown|tread trod trodden
understand understood|undertake undertook undertaken|wake woke woken|wear wore worn|weave wove woven|weep wept
win won|wind wound|withdraw withdrew withdrawn|write wrote written|rebuild rebuilt|overthrow overthrew overthrown
overtake overtook overtaken|withstand withstood|uphold upheld|mislead misled|foresee foresaw foreseen`;

const baseOf = new Map<string, string>();
const pastOf = new Map<string, string>();
const participleOf = new Map<string, string>();
for (const group of IRREGULAR_FORMS.split(/[|\n]/u)) {
  const [base, ...forms] = group.trim().split(/\s+/u);
  for (const form of forms)
    if (base !== undefined && form !== base && !baseOf.has(form)) baseOf.set(form, base);
  const [past] = forms;
  if (base !== undefined && past !== undefined && !pastOf.has(base)) pastOf.set(base, past);
  const participle = forms.at(-1);
  if (base !== undefined && participle !== undefined && !participleOf.has(base))
    participleOf.set(base, participle);
}

/** The base form of an irregular past form (`took` → `take`), or the word itself. */
export function baseVerbForm(word: string): string {
  return baseOf.get(word) ?? word;
}

/**
 * The past participle of a verb's past form (`took` → `taken`, `built` → `built`); a regular past form
 * (`killed`) is its own participle.
 */
export function pastParticiple(pastForm: string): string {
  return participleOf.get(baseVerbForm(pastForm)) ?? pastForm;
}

/** The simple past of a verb's participle (`taken` → `took`); a regular participle (`killed`) is its own past. */
export function simplePast(participle: string): string {
  return pastOf.get(baseVerbForm(participle)) ?? participle;
}
