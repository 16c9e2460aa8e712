"""The words generated interviews are made of: names, subjects, places, and sentence templates.

The lists are written as text to keep them short to read; `Words` fills a template's slots for one
interview, drawing from that interview's random stream.
"""

import random


def _listed(text: str, sep: str | None = None) -> list[str]:
    """The word lists below are written as text, to keep them short to read."""
    return text.split(sep)


FIRST_NAMES = _listed(
    "Ada Adrian Aisha Alan Alejandro Alice Amara Ana Andrei Anika Anna Arjun Ayumi Beatriz Ben "
    "Bianca Carlos Chen Chiara Chloe Daniel Dara David Diego Dmitri Elena Elif Emma Erik Fatima "
    "Felix Femi Gabriel Grace Hana Hannah Hugo Ibrahim Ines Ingrid Isaac Ivan Jamal Jana Javier "
    "Jin Joao Jonas Jose Julia Kai Kamala Karim Kenji Kofi Lars Laura Lea Leila Lena Li Lucas "
    "Lucia Luis Maja Malik Marco Maria Marta Mateo Maya Mei Mohamed Nadia Naomi Nia Nikhil Noah "
    "Nora Olga Omar Oscar Paula Pedro Priya Rafael Ravi Rosa Ruth Sam Samir Sara Sofia Sven "
    "Tariq Tomas Uma Valentina Victor Wei Yara Yusuf Zainab Zoe"
)
LAST_NAMES = _listed(
    "Abara Adeyemi Ahmed Alvarez Andersen Bauer Becker Bianchi Brennan Byrne Castro Chandra Chen "
    "Costa Cruz Dahl Demir Diaz Dubois Eriksson Esposito Fischer Fontaine Garcia Gomez Gupta Haas "
    "Hansen Hoffmann Horvat Ibarra Ivanova Jansen Jensen Kaur Keller Khan Kim Kowalski Kruger "
    "Lambert Larsen Laurent Lee Lindqvist Lopez Lund Madsen Mahmoud Marin Martins Mehta Meyer "
    "Moreau Moreno Murphy Nakamura Nguyen Nilsen Novak Nowak Obi Okafor Olsen Ortiz Park Patel "
    "Pereira Petrov Popescu Quinn Rahman Ramos Reyes Rossi Russo Sato Schmidt Schneider Silva "
    "Singh Sokolov Suzuki Tanaka Torres Varga Vasquez Vogel Wagner Walsh Weber Wong Yamamoto "
    "Yilmaz Young Zhang Zimmermann"
)
SUBJECTS = _listed(
    "Machine learning|Deep learning|Computer vision|Open source|Python|Rust|Databases|Climate "
    "science|Renewable energy|Public health|Epidemiology|Jazz|Classical music|Film|Photography|"
    "Architecture|Urban planning|Economics|Monetary policy|Labour markets|Education|Linguistics|"
    "Philosophy|Ethics|Law|Human rights|Journalism|Publishing|Poetry|Fiction|History|Archaeology|"
    "Astronomy|Physics|Chemistry|Biology|Genetics|Neuroscience|Psychology|Sociology|Mathematics|"
    "Statistics|Cryptography|Security|Privacy|Robotics|Space exploration|Aviation|Agriculture|"
    "Food|Cooking|Wine|Travel|Sport|Football|Chess|Design|Typography|Fashion|Theatre|Dance|"
    "Painting|Sculpture|Comics|Video games|Startups|Venture capital|Management|Leadership|"
    "Careers|Mental health|Medicine|Surgery|Nursing|Oceans|Forests|Wildlife|Water|Energy "
    "storage|Transport|Cycling|Housing|Migration|Elections|Diplomacy|Defence|Religion|"
    "Mythology|Translation|Libraries|Museums|Podcasting|Radio|Television|Advertising|"
    "Blockchain|Quantum computing|Semiconductors|Networks|Cloud computing|Accessibility",
    sep="|",
)
TOPIC_FORMS = ("{}", "{} history", "The future of {}")
OUTLET_WORDS = _listed(
    "Review Journal Times Post Weekly Quarterly Monthly Dispatch Gazette Courier Herald "
    "Observer Report Notes Signal Bulletin Digest Forum Chronicle Record"
)
OUTLET_PREFIXES = _listed(
    "Northern Southern Open Modern Global Metro Coastal Mountain River Harbour Lantern Beacon "
    "Compass Meridian Atlas Summit Pioneer Frontier Civic Common"
)

CONCEPTS = _listed(
    "feedback loops|incentives|trust|curiosity|small teams|deadlines|the long tail|"
    "good documentation|peer review|apprenticeship|simple tools|measurement|failure|"
    "public funding|reproducibility|the community|open data|patience|craft|scale|"
    "the first draft|constraints|the archive|field work|a clear question|the audience",
    sep="|",
)
PLACES = _listed(
    "Lagos|Lisbon|Montreal|Nairobi|Osaka|Oslo|Pune|Santiago|Seoul|Tbilisi|Toronto|"
    "Valencia|Vienna|Wellington|a small town|the lab|the newsroom|a garage|the conference",
    sep="|",
)
QUESTIONS = (
    "How did you first get into {subject}?",
    "What does a typical day look like for you?",
    "Why do you think {concept} matters so much in {subject}?",
    "What was the hardest part of your work in {place}?",
    "Looking back at {year}, what would you have done differently?",
    "What do people outside {subject} most often get wrong about it?",
    "How has {subject} changed since you started?",
    "Who influenced you the most early on?",
    "What advice would you give someone starting out in {subject} today?",
    "Can you tell us about the project you started in {year}?",
    "Where do you see {subject} in ten years?",
    "How do you balance {concept} and {concept2}?",
    "What are you working on right now?",
    "Was there a moment when you almost gave up?",
)
SENTENCES = (
    "I started in {place} around {year}, mostly by accident.",
    "Honestly, {concept} was the thing that kept me going.",
    "Most of what I know about {subject} I learned from {first}, who was very patient with me.",
    "We underestimated how much {concept} would matter.",
    "The work itself is slow, and that is fine.",
    "People expect a single breakthrough, but it is usually years of small steps.",
    "In {subject} you learn quickly that {concept} beats talent.",
    "There was no money, so we relied on {concept} instead.",
    "I think the next decade of {subject} will be about {concept}.",
    "What surprised me was how generous the community was.",
    "We made a lot of mistakes in {year}, and most of them were useful.",
    "My advice is to pick one problem and stay with it.",
    "I still keep the notes from my first year in {place}.",
    "The best ideas came from people outside {subject}.",
    "It is easy to forget that {concept} takes time to build.",
    "We published everything, including what did not work.",
    "That changed how I think about {concept2}.",
    "If I had to start again I would spend more time listening.",
    "A lot of it comes down to {concept} and a bit of luck.",
    "The tools got better, but the questions stayed the same.",
    "I was lucky to work with {first} on that.",
    "Nobody in {place} was doing {subject} at the time.",
)
COMMENTS = (
    "Great interview, thank you!",
    "I loved the part about {concept}.",
    "This brought back memories of {place}.",
    "Could you do a follow-up on {subject}?",
    "I disagree about {concept}, but it was a fair point.",
    "Thanks {first}, this was really inspiring.",
    "Sharing this with my students.",
    "Does anyone have a link to the project mentioned from {year}?",
    "Very thoughtful answers.",
    "I have been following {first}'s work since {year}.",
)
DECKS = (
    "{host} talks to {guest} about {subject}, {concept} and what comes next.",
    "{guest} on {subject}, {year} and the years since.",
    "A conversation about {subject} with {guest}.",
)
TITLES = (
    "An interview with {guest}",
    "{guest} on {subject}",
    "In conversation: {guest}",
    "{guest}: {subject} and {concept}",
)


class Words:
    """Fills the slots of a template for one interview."""

    def __init__(self, rng: random.Random, *, subject: str, guest: str, host: str, year: int):
        self.rng = rng
        self.values = {"subject": subject, "guest": guest, "host": host}
        self.year = year

    def fill(self, template: str) -> str:
        rng = self.rng
        return template.format(
            **self.values,
            concept=rng.choice(CONCEPTS),
            concept2=rng.choice(CONCEPTS),
            place=rng.choice(PLACES),
            year=self.year - rng.randrange(12),
            first=rng.choice(FIRST_NAMES),
        )

    def answer(self) -> str:
        rng = self.rng
        paragraphs = []
        for _ in range(1 if rng.random() < 0.7 else rng.randint(2, 3)):
            count = rng.randint(1, 5)
            paragraphs.append(" ".join(self.fill(rng.choice(SENTENCES)) for _ in range(count)))
        return "\n\n".join(paragraphs)
