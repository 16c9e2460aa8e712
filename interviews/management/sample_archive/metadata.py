"""The sample archive's editorial metadata: people, outlets, topics, and each seed's interview.

What the seed pages do not say, or not in a form the parser reads, is written here by hand: who
is who, the outlets, the topics, the dates and addresses. `expected` holds the counts a seed must
parse to, so that a change to the parser that loses a turn stops the build.
"""

PEOPLE = [
    {
        "pk": 1,
        "slug": "adrian-rosebrock",
        "name": "Adrian Rosebrock",
        "aliases": ["Adrian"],
        "bio": (
            "Author of the PyImageSearch blog and of the book Deep Learning for Computer Vision "
            "with Python; organiser of PyImageConf."
        ),
        "url": "https://pyimagesearch.com/author/adrian/",
    },
    {
        "pk": 2,
        "slug": "francois-chollet",
        "name": "François Chollet",
        "aliases": ["Francois", "Francois Chollet", "Chollet"],
        "bio": (
            "Creator of the Keras deep learning library and AI researcher at Google; "
            "author of the book Deep Learning with Python."
        ),
        "url": "",
    },
    {
        "pk": 3,
        "slug": "hugo-bowne-anderson",
        "name": "Hugo Bowne-Anderson",
        "aliases": ["Hugo", "Hugo Bowne"],
        "bio": "Interviewer for the DataCamp blog.",
        "url": "",
    },
]

OUTLETS = [
    {
        "pk": 1,
        "slug": "pyimagesearch",
        "name": "PyImageSearch",
        "url": "https://pyimagesearch.com/",
    },
    {"pk": 2, "slug": "datacamp", "name": "DataCamp", "url": "https://www.datacamp.com/"},
]

TOPICS = [
    {
        "pk": 1,
        "slug": "keras",
        "name": "Keras",
        "description": "The Keras deep learning library: its design, its history and its users.",
    },
    {
        "pk": 2,
        "slug": "deep-learning",
        "name": "Deep learning",
        "description": "Neural networks trained on data: what they can and cannot do, and where "
        "the field is going.",
    },
    {
        "pk": 3,
        "slug": "ai-ethics",
        "name": "AI ethics",
        "description": "The harm and responsibility that come with deploying AI systems, "
        "from algorithmic bias to hype.",
    },
    {
        "pk": 4,
        "slug": "research-practice",
        "name": "Research practice",
        "description": "How research is done, reviewed and rewarded: rigour, baselines, "
        "reproducibility and incentives.",
    },
    {
        "pk": 5,
        "slug": "open-source",
        "name": "Open source",
        "description": "Building, maintaining and using free software libraries and their "
        "communities.",
    },
    {
        "pk": 6,
        "slug": "python",
        "name": "Python",
        "description": "The Python language and its ecosystem for data science and machine "
        "learning.",
    },
    {
        "pk": 7,
        "slug": "books",
        "name": "Books",
        "description": "Books written, read or recommended by the people interviewed.",
    },
    {
        "pk": 8,
        "slug": "careers-learning",
        "name": "Careers & learning",
        "description": "Getting into the field, studying it and advice for those starting out.",
    },
]

PYIMAGESEARCH_INTERVIEW = {
    "pk": 1,
    "seed": "000_4dfcc7687fa37658.txt",
    "title": "An interview with Francois Chollet",
    "slug": "pyimagesearch-interview-francois-chollet-2018",
    "deck": (
        "Adrian Rosebrock talks to the creator of Keras about his path into AI, the state of deep "
        "learning research and how to study it."
    ),
    "outlet": "pyimagesearch",
    "published_on": "2018-07-02",
    "date_precision": "day",
    "source_url": "https://pyimagesearch.com/2018/07/02/an-interview-with-francois-chollet/",
    "status": "published",
    "topics": [
        "keras",
        "deep-learning",
        "research-practice",
        "open-source",
        "ai-ethics",
        "careers-learning",
        "books",
    ],
    "interviewer": "adrian-rosebrock",
    "interviewee": "francois-chollet",
    "expected": {"question": 12, "answer": 12, "caption": 4, "comments": 43, "replies": 10},
}

DATACAMP_INTERVIEW = {
    "pk": 2,
    "seed": "001_25023ba15ad2cbed.txt",
    "title": "An Interview with François Chollet",
    "slug": "datacamp-interview-francois-chollet-2017",
    # The deck is the page's own standfirst, read from the seed.
    "outlet": "datacamp",
    # The page says only "Dec 2017": a month-precision date is stored as the first of the month.
    "published_on": "2017-12-01",
    "date_precision": "month",
    "source_url": "https://www.datacamp.com/blog/an-interview-with-francois-chollet",
    "status": "published",
    "topics": [
        "keras",
        "deep-learning",
        "python",
        "ai-ethics",
        "research-practice",
        "books",
        "careers-learning",
    ],
    "interviewer": "hugo-bowne-anderson",
    "interviewee": "francois-chollet",
    "expected": {"question": 13, "answer": 13, "caption": 0, "comments": 0, "replies": 0},
}

INTERVIEWS = (PYIMAGESEARCH_INTERVIEW, DATACAMP_INTERVIEW)
