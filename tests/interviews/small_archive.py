"""A small archive whose filter results and facet counts are counted by hand in the tests.

    interview  date (precision)   outlet  topics                 interviewer  interviewee
    one        5 March 2016       alpha   keras, ethics          ana          cleo
    two        2016 (year)        alpha   keras                  ana          dan
    three      December 2017      beta    keras, python          bob          cleo
    four       20 December 2017   beta    ethics                 bob          dan
    five       2 July 2018        gamma   keras, ethics, books   ana          cleo
    six        January 2018       gamma   python                 bob          eve
    (a draft)  2018               alpha   keras                  ana          cleo

Counts over the six published ones: years 2016: 2, 2017: 2, 2018: 2; outlets 2 each; topics
keras 4, ethics 3, python 2, books 1; interviewers ana 3, bob 3; interviewees cleo 3, dan 2, eve 1.
"""

import dataclasses
import datetime

from interviews.models import Interview

DAY, MONTH, YEAR = (
    Interview.DatePrecision.DAY,
    Interview.DatePrecision.MONTH,
    Interview.DatePrecision.YEAR,
)


@dataclasses.dataclass
class SmallArchive:
    interviews: dict
    people: dict
    outlets: dict
    topics: dict
    draft: Interview

    def __getitem__(self, name):
        return self.interviews[name]


def build_small_archive(make_interview, make_person, make_outlet, make_topic) -> SmallArchive:
    people = {
        slug: make_person(name, slug=slug)
        for slug, name in [
            ("ana", "Ana Arroyo"),
            ("bob", "Bob Brennan"),
            ("cleo", "Cléo Côté"),
            ("dan", "Dan Dunne"),
            ("eve", "Eve Ekwueme"),
        ]
    }
    outlets = {slug: make_outlet(slug.title(), slug=slug) for slug in ("alpha", "beta", "gamma")}
    topics = {
        slug: make_topic(name, slug=slug)
        for slug, name in [
            ("keras", "Keras"),
            ("ethics", "AI ethics"),
            ("python", "Python"),
            ("books", "Books"),
        ]
    }
    rows = [
        ("one", (2016, 3, 5), DAY, "alpha", ["keras", "ethics"], "ana", "cleo"),
        ("two", (2016, 1, 1), YEAR, "alpha", ["keras"], "ana", "dan"),
        ("three", (2017, 12, 1), MONTH, "beta", ["keras", "python"], "bob", "cleo"),
        ("four", (2017, 12, 20), DAY, "beta", ["ethics"], "bob", "dan"),
        ("five", (2018, 7, 2), DAY, "gamma", ["keras", "ethics", "books"], "ana", "cleo"),
        ("six", (2018, 1, 1), MONTH, "gamma", ["python"], "bob", "eve"),
    ]
    interviews = {}
    for name, day, precision, outlet, on, interviewer, interviewee in rows:
        interviews[name] = make_interview(
            f"Interview {name}",
            slug=f"interview-{name}",
            published_on=datetime.date(*day),
            date_precision=precision,
            outlet=outlets[outlet],
            topics=[topics[slug] for slug in on],
            interviewer=people[interviewer],
            interviewee=people[interviewee],
        )
    draft = make_interview(
        "Interview draft",
        slug="interview-draft",
        status=Interview.Status.DRAFT,
        published_on=datetime.date(2018, 1, 1),
        date_precision=YEAR,
        outlet=outlets["alpha"],
        topics=[topics["keras"]],
        interviewer=people["ana"],
        interviewee=people["cleo"],
    )
    return SmallArchive(interviews, people, outlets, topics, draft)
