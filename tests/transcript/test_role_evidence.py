"""Who interviews is read from what people say, not from who speaks first."""

from interviews.transcript import parse


def roles(parsed):
    return {name: "interviewer" for name in parsed.interviewers} | {
        name: "interviewee" for name in parsed.interviewees
    }


def test_a_cold_open_by_the_guest_does_not_make_the_guest_the_host():
    text = (
        "Ann Lee: Energy is the whole story, and nobody wants to hear it.\n\n"
        "Chris Dunn: Hello, and welcome to Wired Up. I'm your host, Chris Dunn. "
        "With me are two regulars.\n\n"
        "Ann Lee: Hi, Chris. Thanks for that. My name is Ann Lee and I run a small firm.\n\n"
        "Chris Dunn: Lovely to have you back. Bo, over to you.\n\n"
        "Bo Ray: Thank you. So my name is Bo Ray, and I write about grids.\n\n"
        "Chris Dunn: What changed this year?\n\n"
        "Ann Lee: Prices did, mostly.\n\n"
        "Bo Ray: And the rules.\n"
    )
    assert roles(parse(text)) == {
        "Chris Dunn": "interviewer",
        "Ann Lee": "interviewee",
        "Bo Ray": "interviewee",
    }


def test_co_hosts_answering_the_roll_call_are_both_interviewers():
    text = (
        "Mia: Hey, I'm Mia.\n\n"
        "Dev: And I'm Dev.\n\n"
        "Mia: And this is Night Shift, the podcast about people who work while we sleep.\n\n"
        "Dev: This week we talk to Rosa Diaz, who drives the last bus.\n\n"
        "Rosa Diaz: Thanks for having me. It's a quiet route, mostly.\n\n"
        "Mia: Quiet how?\n\n"
        "Rosa Diaz: Nobody talks after midnight. They just look out of the window and think.\n\n"
        "Dev: Do you like that?\n\n"
        "Rosa Diaz: I love it. It's the best part of the job, honestly.\n"
    )
    assert roles(parse(text)) == {
        "Mia": "interviewer",
        "Dev": "interviewer",
        "Rosa Diaz": "interviewee",
    }


def test_a_guest_introduced_before_speaking_is_the_interviewee_even_if_asking_back():
    text = (
        "Sam: Welcome to the show. Today Lena joins us from Oslo.\n\n"
        "Lena: Is it on? Can you hear me?\n\n"
        "Sam: Loud and clear. Tell us about the fjord project.\n\n"
        "Lena: Where to begin? We map the sea floor with small boats.\n\n"
        "Sam: How small?\n\n"
        "Lena: Rowing boats, some of them. Why not?\n"
    )
    assert roles(parse(text)) == {"Sam": "interviewer", "Lena": "interviewee"}


def test_an_unknown_speaker_who_talks_a_lot_is_a_participant():
    lines = ["Unknown Speaker: Thanks for having me, glad to be here."]
    for number in range(4):
        lines.append(f"Jo Park: Welcome to Byte Club. What about item {number}?")
        lines.append(f"Unknown Speaker: Item {number} is about packaging, and it is good.")
    parsed = parse("\n\n".join(lines))
    assert roles(parsed) == {"Jo Park": "interviewer", "Unknown Speaker": "interviewee"}


def test_an_announcer_heard_twice_does_not_decide_the_roles_and_only_remarks():
    text = (
        "ANNOUNCER: From the studio, this is Late Talk.\n\n"
        "KIM: Welcome to the show, Lou. What brings you here?\n\n"
        "LOU: A new book.\n\n"
        "ANNOUNCER: We'll be right back.\n\n"
        "KIM: Why a book?\n\n"
        "LOU: Because I had time.\n"
    )
    parsed = parse(text)
    assert parsed.interviewers == ["KIM"]
    # Every speaker gets a side: the announcer's is the guest's, its turns stay remarks.
    assert parsed.interviewees == ["ANNOUNCER", "LOU"]
    assert [t.kind for t in parsed.turns if t.speaker == "ANNOUNCER"] == ["remark", "remark"]


def test_a_voice_from_a_device_gets_a_side():
    text = (
        "KIM: Welcome to the show. What do you test first?\n\n"
        "LOU: Contrast, always. Then I try the page with the keyboard alone.\n\n"
        "KIM: And then?\n\n"
        "LOU: Then a screen reader, and I listen to how it reads the-\n\n"
        "COMPUTER VOICE: Sorry, I did not catch that.\n\n"
        "LOU: That was my phone. Anyway, how it reads the headings.\n"
    )
    parsed = parse(text)
    assert parsed.interviewers == ["KIM"]
    assert parsed.interviewees == ["LOU", "COMPUTER VOICE"]
    assert [t.kind for t in parsed.turns if t.speaker == "COMPUTER VOICE"] == ["remark"]


def test_a_hosts_only_show_makes_everyone_an_interviewer_and_says_it_guessed():
    text = (
        "Travis: In this bonus episode we pulled our ten favourite tips from the archive. "
        "We hope you find one that helps your show grow, and that you try it this week. "
        "Let us know how it goes, and thanks for sticking with us all these years.\n\n"
        "Sara: Good audio matters more than anything else.\n\n"
        "Travis: Batch your episodes so you never miss a week, and plan them a month ahead.\n\n"
        "Gil: Keep the intro short.\n\n"
        "Sara: Use templates for your show notes.\n\n"
        "Gil: Be a guest on other shows.\n\n"
        "Travis: And have fun with it, because listeners can tell when you don't.\n"
    )
    parsed = parse(text)
    assert parsed.interviewers == ["Travis", "Sara", "Gil"]
    assert any("roles guessed" in warning for warning in parsed.warnings)


def test_a_show_note_presenting_the_guests_decides_for_them():
    text = (
        "This week, Nora Quist is joined by Ivo Han for a chat about trains.\n\n"
        "Ivo Han: Trains are the future, and I will die on this hill.\n\n"
        "Nora Quist: Well. That's one way to open. Ivo, why trains?\n\n"
        "Ivo Han: They move people cheaply.\n\n"
        "Nora Quist: And freight?\n\n"
        "Ivo Han: Freight too.\n"
    )
    assert roles(parse(text)) == {"Nora Quist": "interviewer", "Ivo Han": "interviewee"}


def test_a_panel_asked_to_introduce_themselves_are_the_interviewees():
    text = (
        "Kim: We're live! Hello, everyone, I'm Kim Soto and I'm your host for this show.\n\n"
        "Abe: Perfect.\n\n"
        "Kim: Let's give everyone a chance to introduce themselves.\n\n"
        "Abe: I'm Abe Lund. I'm one of the organisers.\n\n"
        "Cleo: I'm Cleo Marsh, and I'm speaking tomorrow.\n\n"
        "Kim: Abe, what makes this venue special?\n\n"
        "Abe: The stage. It's a real theatre, with balconies and a very old curtain.\n\n"
        "Cleo: And the sound carries well.\n"
    )
    assert roles(parse(text)) == {"Kim": "interviewer", "Abe": "interviewee", "Cleo": "interviewee"}


def test_role_words_in_labels_decide():
    text = (
        "JANE DOE, HOST: Good evening.\n\n"
        "BOB ROE, GUEST: Good evening to you. Why am I here?\n\n"
        "JANE DOE: Because you wrote a book.\n\n"
        "BOB ROE: Did I? Which one?\n"
    )
    parsed = parse(text)
    assert parsed.interviewers == ["JANE DOE"]
    assert parsed.interviewees == ["BOB ROE"]
    assert [turn.kind for turn in parsed.turns] == ["question", "answer"] * 2


def test_a_rhetorical_question_inside_an_answer_does_not_make_an_asker():
    answer = (
        "We drew ours by hand. What is a map for, if not that? It shows a way, street by "
        "street, and then we walked every one of them twice to be sure."
    )
    lines = []
    for topic in ("maps", "streets", "walking"):
        lines.append(f"Rae: Tell us about the {topic}, would you?")
        lines.append(f"Ivo: {answer}")
    parsed = parse("\n\n".join(lines))
    assert parsed.interviewers == ["Rae"]
    assert parsed.interviewees == ["Ivo"]
    assert not any("could not tell" in warning for warning in parsed.warnings)


def test_a_stray_interviewer_line_does_not_settle_who_asks_among_named_speakers():
    text = (
        "Interviewer: Dana Holt\n\n"
        "Dana Holt: Where were you born?\n\n"
        "Ezra Pike: In Leeds, in a house by the canal.\n\n"
        "Dana Holt: And your parents?\n\n"
        "Ezra Pike: Both teachers. My mother taught music for forty years.\n\n"
        "Dana Holt: Did you play?\n\n"
        "Ezra Pike: Badly, and only the piano.\n"
    )
    parsed = parse(text)
    assert "Dana Holt" in parsed.interviewers
    assert parsed.interviewees == ["Ezra Pike"]


def test_two_interviewers_asking_at_different_rates_are_both_found():
    lines = []
    for number in range(6):
        lines.append(f"Selma Ruiz: What happened in year {number}?")
        lines.append(f"Kenji Mori: We built robot number {number}, a small one.")
        if number % 2:
            lines.append(f"Matt Orr: Was robot {number} any good?")
        else:
            lines.append(f"Matt Orr: I remember robot {number}.")
        lines.append("Kenji Mori: It worked, more or less, after a lot of trying.")
    parsed = parse("\n\n".join(lines))
    assert parsed.interviewers == ["Selma Ruiz", "Matt Orr"]
    assert parsed.interviewees == ["Kenji Mori"]


def test_the_interview_conducted_by_names_the_asker_not_a_guest():
    text = (
        "Ruth Kane: An interview conducted by Ana Bell and Tom Reyes, 9 July 2002.\n\n"
        "Ana Bell: Where did you grow up?\n\n"
        "Ruth Kane: In Bratislava.\n\n"
        "Tom Reyes: When did you leave?\n\n"
        "Ruth Kane: In 1967, with one suitcase.\n\n"
        "Ana Bell: Why then?\n\n"
        "Ruth Kane: Because the border was open, for a while.\n\n"
        "Tom Reyes: And then?\n\n"
        "Ruth Kane: Vienna, then Philadelphia.\n"
    )
    parsed = parse(text)
    assert parsed.interviewers == ["Ana Bell", "Tom Reyes"]
    assert parsed.interviewees == ["Ruth Kane"]


def test_with_no_questions_to_go_by_the_one_who_says_least_is_taken_with_a_warning():
    text = (
        "Ana: The harvest was late this year, because the rain came in June and stayed "
        "until the end of August, and the grapes would not ripen.\n\n"
        "Ben: Right.\n\n"
        "Ana: So we waited, and in the end we picked in October, by hand, in the cold.\n\n"
        "Ben: Cold work."
    )
    parsed = parse(text)
    assert parsed.interviewers == ["Ben"]
    assert "could not tell who asks the questions: taking 'Ben', who says least" in (
        parsed.warnings
    )


def test_the_byline_author_among_the_speakers_is_the_interviewer():
    text = (
        "Bread and Patience\n\nBy Helen Marsh\n\n"
        "Marsh: The ovens were cold when I arrived.\n\n"
        "Tom Reyes: They always are at four. We light them at half past. Why do you ask?\n\n"
        "Marsh: Curiosity.\n\n"
        "Tom Reyes: Then stay for the first loaves? They come out at six.\n"
    )
    parsed = parse(text)
    assert parsed.interviewers == ["Marsh"]
    assert parsed.interviewees == ["Tom Reyes"]


def test_a_guest_thanking_for_having_them_on_this_show_is_not_a_host():
    text = (
        "Lou Park: Thanks for having me on this show, it's a real honour.\n\n"
        "Kim Soto: Our pleasure. Where did it all start?\n\n"
        "Lou Park: In a garage, like everything else.\n\n"
        "Kim Soto: Whose garage?\n\n"
        "Lou Park: My uncle's. He never got it back.\n"
    )
    assert roles(parse(text)) == {"Kim Soto": "interviewer", "Lou Park": "interviewee"}


def test_an_intro_naming_who_conducted_the_interview_makes_them_the_interviewer():
    text = (
        "In this interview, conducted by Peter Lind, Ruth Kane talks about her childhood.\n\n"
        "Peter Lind: So.\n\n"
        "Ruth Kane: Where do I begin? With the river, I suppose?\n\n"
        "Peter Lind: Please.\n\n"
        "Ruth Kane: It froze every winter. Can you imagine? We skated to school.\n"
    )
    assert roles(parse(text)) == {"Peter Lind": "interviewer", "Ruth Kane": "interviewee"}


def test_a_host_describing_a_guest_after_a_cold_open_presents_the_guest():
    text = (
        "Lia Berg: That winter was hard. The yard was empty.\n\n"
        "Nora Quist: That's Lia Berg. I'm Nora Quist, and this is Harbour Voices. "
        "Today: the boatbuilders.\n\n"
        "Ann Roe: And what did you learn from him, Lia?\n\n"
        "Lia Berg: My father built boats, and I watched him.\n\n"
        "Nora Quist: Jon Ek is a fisherman who buys her boats. Ann Roe is my co-host this "
        "week.\n\n"
        "Jon Ek: Her boats last.\n\n"
        "Ann Roe: Do they, Jon?\n\n"
        "Jon Ek: They do.\n"
    )
    parsed = parse(text)
    assert parsed.interviewees == ["Lia Berg", "Jon Ek"]
    assert set(parsed.interviewers) == {"Nora Quist", "Ann Roe"}


def test_a_moderator_relaying_numbered_audience_questions_is_the_only_asker():
    text = (
        "19:00:31 <mod_ann> Welcome to the candidates' town hall. I'm your moderator. "
        "Questions come from the public channel.\n"
        "19:01:02 <kvo> I'm Karl, I have packaged for six years.\n"
        "19:01:40 <lumen> Lena here, docs team since forever, long-time translator as well, "
        "and I have been on two committees before this one.\n"
        "19:02:10 <kvo> Sorry, also a mirror admin.\n"
        "19:03:00 <mod_ann> Q1: <pete> What should the board decide first?\n"
        "19:03:30 <kvo> or not decide ? :)\n"
        "19:04:00 <lumen> The board should set direction and stay out of technical calls, "
        "because the people doing the work know the details far better than we ever will.\n"
        "19:04:30 <kvo> agreed\n"
        "19:04:50 <mod_ann> moving on\n"
        "19:05:00 <mod_ann> Q2: <rosa> How would you reach new contributors? Newcomers "
        "often say the wiki is the hardest part.\n"
        "19:05:30 <lumen> Mentoring, and a real welcome for newcomers in every team.\n"
        "19:06:00 <kvo> you mean in the packaging team ?\n"
        "19:06:20 <lumen> Everywhere, really, not only in packaging.\n"
        "19:06:30 <mod_ann> thank you all\n"
    )
    parsed = parse(text)
    assert parsed.interviewers == ["mod_ann"]
    assert parsed.interviewees == ["kvo", "lumen"]
    assert not any("roles guessed" in warning for warning in parsed.warnings)


def test_a_round_of_introductions_after_a_welcome_makes_a_moderator_and_a_panel():
    text = (
        "Nell Hart: Welcome to Shelf Talk, where we read one book a month. I'm Nell Hart.\n\n"
        "Ravi Shah: I'm Ravi Shah.\n\n"
        "Ola Berg: I'm Ola.\n\n"
        "Tim Vos: And I'm Tim Vos.\n\n"
        "Nell Hart: So Ola, you have news, right?\n\n"
        "Ola Berg: I do! I finally finished my first novel, and it comes out this spring. "
        "It took four years and three rewrites, and I am very glad it is done.\n\n"
        "Tim Vos: Congrats, Ola.\n\n"
        "Ola Berg: Thanks, Tim.\n\n"
        "Ravi Shah: Who is publishing it?\n\n"
        "Ola Berg: A small press here in town. They have been lovely to work with.\n\n"
        "Nell Hart: This month we read a book about maps. What did you all think of it?\n\n"
        "Ravi Shah: I liked it more than I expected, mostly for the stories about old surveys.\n\n"
        "Ola Berg: Same. The chapter on coastlines stuck with me for days.\n\n"
        "Nell Hart: What about you, Tim?\n\n"
        "Tim Vos: Too long, but worth it.\n"
    )
    assert roles(parse(text)) == {
        "Nell Hart": "interviewer",
        "Ravi Shah": "interviewee",
        "Ola Berg": "interviewee",
        "Tim Vos": "interviewee",
    }


def test_co_hosts_and_a_guest_naming_themselves_in_turn_are_not_a_panel():
    text = (
        "Ann Lee: Welcome to Night Shift. I'm Ann Lee.\n\n"
        "Bo Ray: And I'm Bo Ray.\n\n"
        "Cy Moss: Hi, I'm Cy Moss, and thanks for having me.\n\n"
        "Ann Lee: Cy, you drive the last bus. What is it like?\n\n"
        "Cy Moss: Quiet. Nobody talks after midnight, they just look out of the window.\n\n"
        "Bo Ray: Do you like that?\n\n"
        "Cy Moss: I love it. It is the best part of the job, honestly.\n"
    )
    assert roles(parse(text)) == {
        "Ann Lee": "interviewer",
        "Bo Ray": "interviewer",
        "Cy Moss": "interviewee",
    }


def test_the_first_voice_naming_itself_opens_the_show():
    from interviews.transcript import parse

    text = (
        "Paul Nguyen  00:04\nGood morning, and welcome to Library Voices. I'm Paul Nguyen. "
        "Today I'm sitting down with Denise Howard, who runs the Eastgate branch.\n\n"
        "Denise Howard  00:15\nThank you, Paul. It's lovely to be here.\n\n"
        "Paul Nguyen  00:18\nHow has the branch changed since you started?\n\n"
        "Denise Howard  00:21\nCompletely. We had a card catalog and two computers.\n\n"
        "Paul Nguyen  00:42\nAnd the children's programs?\n\n"
        "Denise Howard  00:46\nStory time is still the heart of the place.\n"
    )
    parsed = parse(text)
    assert parsed.interviewers == ["Paul Nguyen"]
    assert parsed.interviewees == ["Denise Howard"]


def test_two_hosts_who_both_ask_far_more_than_the_guest_are_both_interviewers():
    # The guest is plain from the first turn ("Mira, you're here to tell us about ..."); neither
    # host welcomes anyone to a show, and the two ask about as often as each other.
    text = (
        "**Jon Reyes:** Mira, you're here to tell us all about compilers. Where do we start?\n\n"
        "**Mira Holt:** With the parser, always. It turns text into a tree, and everything else "
        "works on the tree.\n\n"
        "**Jon Reyes:** And after the tree?\n\n"
        "**Mira Holt:** Checks, then code. Most of the time goes into the checks, honestly, "
        "because that is where the language's rules live.\n\n"
        "**Kay Dunn:** Is the tree the same for every language?\n\n"
        "**Mira Holt:** No. Each language shapes its own, though they rhyme a lot.\n\n"
        "**Jon Reyes:** Which one did you build first?\n\n"
        "**Mira Holt:** A tiny calculator language, in a week, for fun.\n\n"
        "**Kay Dunn:** I love that. Did it have variables?\n\n"
        "**Mira Holt:** Just one, called x. That was the whole joke.\n\n"
        "**Jon Reyes:** Ha. Well, that is a good place to stop.\n\n"
        "**Mira Holt:** Thanks for having me on, this was fun.\n"
    )
    assert roles(parse(text)) == {
        "Jon Reyes": "interviewer",
        "Kay Dunn": "interviewer",
        "Mira Holt": "interviewee",
    }


def test_a_co_host_who_says_little_beside_a_talkative_guest_is_a_host():
    answer = (
        "I think it started with the forms. Every form asks who you are, and most of them "
        "assume a kind of person who is not most people. When you start looking, you see it "
        "everywhere: the drop-downs, the titles, the fields that will not take a short name. "
    )
    text = (
        "0:00:14.2 **Ada Grant** Today we're talking with Lena Voss about her book. Welcome!\n\n"
        "0:00:21.7 **Lena Voss** Thank you for having me.\n\n"
        f"0:00:22.9 **Ada Grant** What led you to write it?\n\n"
        f"0:00:29.1 **Lena Voss** {answer * 4}\n\n"
        "0:01:50.9 **Omar Reid** Did the publishers push back on that?\n\n"
        f"0:01:55.0 **Lena Voss** {answer * 3} So no, not really.\n\n"
        "0:02:49.4 **Omar Reid** Yeah.\n\n"
        f"0:02:49.7 **Lena Voss** {answer * 3} Does that make sense?\n\n"
        "0:03:40.1 **Omar Reid** Right.\n\n"
        f"0:03:41.0 **Lena Voss** {answer * 2} Have you seen that too?\n\n"
        "0:04:29.0 **Ada Grant** Thank you so much for coming on.\n\n"
        "0:04:31.0 **Lena Voss** Thanks, this was lovely.\n"
    )
    assert roles(parse(text)) == {
        "Ada Grant": "interviewer",
        "Omar Reid": "interviewer",
        "Lena Voss": "interviewee",
    }
