"""Words for the synthetic corpus: English function words, the diplomatic register, and a long tail.

The generator draws content words with a Zipf distribution over ``content_words()``: the head is the
vocabulary of foreign-ministry statements in rough order of frequency, then everyday English, then a
long tail of rare names and invented words, the way real archives have thousands of words that occur
only a handful of times. A few real words sit at fixed places in the tail so that the benchmark has
a rare term to look for.
"""

from __future__ import annotations

import random

# Function words in rough order of frequency; PostgreSQL's english configuration drops most of them.
STOPWORDS = """the of and to in a is that for it as with was on be by this are we not have at
from or which but an they has their its will all been would our there can were more also one
if about what so no these who other than into them only may should any those such when very
then some do us because between even over must both without after same here still however""".split()

# Ranked head of the content vocabulary: the diplomatic register, most frequent first.
HEAD = """security russia united states countries president international relations country
nato government policy foreign cooperation situation position ministry side question
interests world western partners european minister dialogue talks issue russian
military president's development process agreement american important people course
nuclear efforts region weapons support peace war sanctions ukraine negotiations
treaty stability state strategic conditions level meeting framework forces actions
west council economic decisions principles approach measures resolution approaches
trade proposals regime leadership crisis law sovereignty interference territory
leaders contacts unacceptable dangerous consultations obligations guarantees
settlement diplomatic diplomacy escalation threat threats deterrence embassy
assets provocation bilateral multilateral humanitarian neighbours confrontation""".split()

# Everyday English and more of the register, after the head.
GENERAL = """time year years day week month today now future past history present way part
point fact case matter work result answer reason example problem system area place
number group power energy economy market markets growth investment business companies
company money budget price prices oil gas supply supplies pipeline exports imports
goods production industry technology science education health culture media press
journalists newspaper television information reports report statement statements
comments remarks words message letter call calls visit visits trip delegation
delegations summit summits forum conference session sessions agenda discussion
discussions exchange exchanges views opinion opinions assessment assessments analysis
experts expert colleagues colleague friends friend allies ally partner partnership
alliance bloc blocs coalition union organisation organisations institutions
institution parliament congress senate administration officials official authorities
authority government's ministers ambassador ambassadors envoy envoys representative
representatives secretary general spokesperson spokeswoman spokesman adviser advisers
army navy troops soldiers officers command defence defense missile missiles rocket
rockets launch launches systems deployment deployments arsenal arsenals warheads
test tests drills exercises manoeuvres border borders frontier frontiers line lines
red green black white blue open closed new old long short large small big high low
strong weak good bad real true false clear simple difficult possible impossible
necessary ready able unable willing serious responsible constructive pragmatic
balanced equal fair just legitimate illegal legal lawful unlawful hostile friendly
aggressive peaceful stable unstable global regional national local public private
common mutual joint collective individual political economic financial social
legal moral historical cultural religious ethnic civil criminal judicial
constitutional democratic liberal conservative independent sovereign neutral
ukrainian chinese european american british french german polish indian brazilian
african asian arab turkish iranian syrian israeli palestinian japanese korean
beijing washington moscow kiev kyiv london paris berlin brussels geneva vienna
ankara tehran delhi brasilia pretoria cairo riyadh doha tokyo seoul warsaw
minsk tbilisi yerevan baku astana tashkent bishkek dushanbe ashgabat chisinau
riga vilnius tallinn helsinki stockholm oslo copenhagen rome madrid lisbon athens
budapest prague bratislava bucharest sofia belgrade zagreb ljubljana sarajevo
skopje tirana podgorica pristina nicosia valletta dublin reykjavik bern luxembourg
africa asia europe america latin middle east north south central pacific atlantic
arctic baltic black sea caspian mediterranean balkans caucasus donbas crimea
syria libya iraq afghanistan yemen sudan venezuela cuba nicaragua korea iran
china india brazil turkey japan germany france britain poland finland sweden
hungary serbia moldova georgia armenia azerbaijan kazakhstan belarus israel
palestine egypt saudi emirates qatar ethiopia mali niger nigeria kenya angola
mozambique indonesia vietnam thailand malaysia philippines australia canada mexico
argentina chile peru colombia bolivia ecuador uruguay paraguay
grain food fertilizer fertilizers shipping ships ports port corridor corridors
refugees migrants migration prisoners exchange hostages victims casualties losses
destruction reconstruction recovery restoration reform reforms change changes
transition elections election vote votes referendum campaign candidates parties
opposition protests demonstrations unrest violence terrorism terrorists extremism
extremists radicals nationalism nationalists neo nazism nazis fascism genocide
crimes crime justice court courts tribunal investigation investigations evidence
facts truth lies propaganda disinformation fakes narratives narrative rhetoric
hysteria campaign campaigns pressure blackmail coercion ultimatum ultimatums
demands demand request requests proposal initiative initiatives plan plans
project projects programme programmes strategy strategies doctrine doctrines
concept concepts vision ideas idea values value traditions tradition identity
language languages rights freedom freedoms democracy order rules rule norms
charter convention conventions protocol protocols memorandum declarations
declaration communique roadmap format formats mechanism mechanisms platform
platforms channel channels line hotline contact moratorium ban bans restrictions
limits limitations ceilings verification inspections inspection transparency
confidence trust mistrust suspicion respect understanding consensus compromise
concessions solution solutions outcome outcomes progress breakthrough stalemate
deadlock impasse standstill pause freeze thaw reset normalisation normalization
recognition sovereignty integrity independence neutrality status membership
enlargement expansion accession withdrawal presence bases base infrastructure
posture buildup build capabilities capability potential parity balance superiority
advantage risk risks danger dangers challenge challenges opportunity opportunities
prospects chances hope hopes expectations concern concerns worry worries alarm
regret satisfaction gratitude condolences congratulations greetings invitation
anniversary memory victory defeat sacrifice heroes veterans generation generations
youth children women families citizens compatriots population residents community
communities society societies nation nations peoples mankind humanity civilisation
church faith churches orthodox catholic muslim islamic christian jewish
office offices building buildings diplomats diplomat staff personnel visas visa
property properties consulate consulates mission missions headquarters residence
spy spies intelligence services special agencies agency operation operations
cyber attack attacks attacked hackers space satellites satellite orbit weapons""".split()

# Real words placed deep in the tail, so that rare-term queries have realistic targets.
RARE_ANCHORS = {
    9000: "hypersonic",
    14000: "kaliningrad",
    22000: "denuclearization",
    30000: "transnistria",
    38000: "svalbard",
}

_SYLLABLES = """ka ri mo sa le vi to na pe du zo li ba ne ro gu fi ta mi ko se ra lu vo
de ni po ze ga bo tu ma ve si ru lo fe ho ki ja yo dra stro vla gor mir slav bor
kov nov sky ev in ak ur ol ex ith ash orn"""


def tail_words(count: int, seed: int = 7) -> list[str]:
    """Invented, pronounceable, distinct words: names of places, people and things nobody else mentions."""
    rng = random.Random(seed)
    syllables = _SYLLABLES.split()
    seen = set(STOPWORDS) | set(HEAD) | set(GENERAL) | set(RARE_ANCHORS.values())
    words: list[str] = []
    while len(words) < count:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def content_words(size: int = 40_000) -> list[str]:
    """The ranked content vocabulary: head, everyday words, then the long tail with its anchors."""
    words: list[str] = []
    for word in [*HEAD, *GENERAL]:
        if word not in words:
            words.append(word)
    tail = tail_words(size - len(words) - len(RARE_ANCHORS))
    tail.reverse()
    while len(words) < size:
        rank = len(words) + 1
        words.append(RARE_ANCHORS[rank] if rank in RARE_ANCHORS else tail.pop())
    return words


# Set phrases of the register, dropped whole into sentences now and then.
PHRASES = [
    "red lines",
    "strategic stability",
    "arms control",
    "New START",
    "special military operation",
    "collective West",
    "global majority",
    "indivisible security",
    "security guarantees",
    "rules-based order",
    "frozen assets",
    "open door",
    "nuclear weapons",
    "nuclear war",
    "peace talks",
    "Black Sea grain deal",
    "Minsk agreements",
    "hostile actions",
    "multipolar world",
    "United Nations Security Council",
    "mutual respect",
    "legally binding",
    "without preconditions",
    "people-to-people contacts",
    "double standards",
    "zero-sum game",
]

FIRST_NAMES = """Sergey Maria Dmitry Vladimir Alexander Vasily Anatoly Andrei Mikhail Nikolai
Yuri Alexei Ivan Pavel Oleg Igor Viktor Konstantin Grigory Boris Anna Elena Olga Natalia Irina
Tatiana Svetlana Ekaterina Yulia Galina John Antony Jake Linda Karine Matthew Ned Julianne Victoria
Wendy Samantha Richard David Michael James Robert William Thomas Charles Emmanuel Olaf Annalena
Josep Ursula Jens Mark Wang Mao Zhao Li Hua Qin Volodymyr Dmytro Andriy Mykhailo Recep Mevlut Hakan
Subrahmanyam Narendra Celso Mauro Naledi Cyril Sameh Faisal Abdullah Hossein Abbas Ali Fumio Yoko
Park Kim Pedro Luis Carlos Jorge Marcelo Santiago Ahmed Omar Khalid Ayman""".split()

LAST_NAMES = """Ryabkov Lavrov Zakharova Peskov Putin Grushko Nebenzya Antonov Blinken Price Miller
Kirby Jean-Pierre Thomas-Greenfield Smith Sullivan Stoltenberg Yi Kuleba Borrell Zelensky Rutte Ning
Patel Tracy Darchiev Galuzin Rudenko Pankin Polyansky Ulyanov Shoigu Medvedev Naryshkin Kozak
Ushakov Volodin Matviyenko Kosachev Slutsky Karasin Titov Bogdanov Vershinin Lukashevich Yakovenko
Kelin Nechaev Churkin Chizhov Sorokin Morgulov Lyubinsky Polishchuk Jaishankar Vieira Pandor Shoukry
Farhan Amir-Abdollahian Fidan Cavusoglu Hayashi Kamikawa Wong Lammy Cameron Baerbock Sikorski Tajani
Albares Sejourne Barrot Kallas Michel Guterres Grossi Lamy Nuland Campbell Rubio Landau Witkoff
Kellogg Waltz Vance Hegseth Yermak Sybiha Podolyak Morawiecki Orban Szijjarto Vucic Dacic Lukashenko
Makei Aleinik Tokayev Mirziyoyev Pashinyan Mirzoyan Aliyev Bayramov Kobakhidze Darchiashvili""".split()

OUTLETS = """Izvestia|Interfax|TASS|RIA Novosti|Kommersant|Rossiyskaya Gazeta|RT|Sputnik|Rossiya Segodnya|
Channel One|Rossiya 1|Argumenty i Fakty|Reuters|Associated Press|AFP|Bloomberg|CNN|BBC|The New York Times|
The Washington Post|Financial Times|The Economist|Le Figaro|Der Spiegel|Xinhua|CGTN|Al Jazeera|Anadolu|
NHK|Yonhap|The Hindu|Folha de S.Paulo|Clarin|Al Ahram|Gulf News|Baltic Ledger|The Steppe Dispatch|
Vedomosti|Nezavisimaya Gazeta|Moskovsky Komsomolets""".replace("\n", "").split("|")

# The curated topics first (same slugs as fixtures/topics.toml), then more of the register: 40 in all.
TOPICS = [
    ("nato", "NATO and its enlargement"),
    ("arms-control", "Arms control and New START"),
    ("strategic-stability", "Strategic stability and nuclear weapons"),
    ("intermediate-range-missiles", "Intermediate-range missiles"),
    ("ukraine", "Ukraine and the war"),
    ("weapons-supplies", "Weapons supplies"),
    ("sanctions", "Sanctions and frozen assets"),
    ("prisoner-exchanges", "Prisoner exchanges"),
    ("bilateral-relations", "Bilateral relations and diplomatic presence"),
    ("china", "China"),
    ("global-south", "Latin America and the Global South"),
    ("security-guarantees", "Security guarantees and red lines"),
    ("european-security", "European security and the OSCE"),
    ("trade-resources", "Trade and resources"),
    ("middle-east", "The Middle East"),
    ("syria", "Syria"),
    ("iran-nuclear-deal", "Iran and the nuclear deal"),
    ("korean-peninsula", "The Korean Peninsula"),
    ("afghanistan", "Afghanistan"),
    ("arctic", "The Arctic"),
    ("energy", "Energy and pipelines"),
    ("grain-and-food", "Grain and food security"),
    ("united-nations", "The United Nations"),
    ("brics", "BRICS"),
    ("sco", "The Shanghai Cooperation Organisation"),
    ("cis", "The Commonwealth of Independent States"),
    ("eurasian-integration", "Eurasian integration"),
    ("south-caucasus", "The South Caucasus"),
    ("central-asia", "Central Asia"),
    ("balkans", "The Balkans"),
    ("baltic-states", "The Baltic states"),
    ("moldova", "Moldova and Transnistria"),
    ("belarus", "Belarus and the Union State"),
    ("human-rights", "Human rights"),
    ("media-freedom", "Media and disinformation"),
    ("cyber-security", "Cyber security"),
    ("outer-space", "Outer space"),
    ("terrorism", "Terrorism and extremism"),
    ("migration", "Migration and refugees"),
    ("compatriots", "Compatriots abroad"),
]
