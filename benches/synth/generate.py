#!/usr/bin/env python3
"""Write a synthetic academic site of N publications, as a cvsite site and an equivalent Hugo site.

    generate.py N OUTDIR [--form yaml|bib] [--seed S]

OUTDIR/cvsite   a cvsite site: cvsite.yaml, content/profile.yaml, bio.md, every CV section,
                N papers in content/publications.yaml (--form yaml, the default) or
                content/publications.bib (--form bib), and N/10 posts in content/posts/.
OUTDIR/hugo     the same papers and posts as a Hugo site with a minimal theme of its own:
                hugo.toml (taxonomies `tag` and `type`), layouts/, content/publications/<key>.md,
                content/posts/, content/cv.md (rendered from data/, the same YAML files as cvsite's).

Python 3 standard library only. The output depends only on N and the seed (not on the form, nor on
PYTHONHASHSEED): both forms hold the same papers, so their builds are comparable. OUTDIR/cvsite and
OUTDIR/hugo are replaced if they exist. Used by compare.sh beside this file.
"""

import argparse
import json
import random
import re
import shutil
import sys
from pathlib import Path

OWNER_FIRST, OWNER_LAST = "Clara", "Lindqvist"
OWNER = f"{OWNER_FIRST} {OWNER_LAST}"
BASE_URL = "https://clara-lindqvist.example.org/"

FIRST_NAMES = """
Aarav Abebe Adrian Aiko Alejandro Alessandro Alice Amara Amir Ana Andrea Anika Ankit Anna Arjun
Astrid Ayesha Bao Beatriz Benjamin Björn Camille Carlos Chen Chiara Chloé Daniel David Deepika
Diego Dmitri Elif Elena Emma Erik Esther Fatima Felix Fernando Freya Gabriel Grace Hana Hannah
Hiroshi Ibrahim Ingrid Isabel Ivan Jakob James Jana Javier Ji-woo Jin Jonas José Julia Kai
Karim Kenji Laila Lars Laura Lea Leila Li Lucas Luis Maja Marco Margarida Maria Mateo Mei Mehmet
Mia Michael Min-jun Mohammed Nadia Naveen Nikolai Noah Noor Olga Omar Pablo Priya Rafael Rahul
Ravi Rosa Ryo Sakura Samuel Sara Sebastian Seo-yeon Shreya Sofia Stefan Sven Tariq Thomas Tomás
Valentina Victor Wei Xin Yara Yasmin Yuki Yusuf Zainab Zhang Zoltán Zoë
""".split()

LAST_NAMES = """
Abe Adeyemi Ahmed Almeida Andersen Bauer Becker Bianchi Brown Carvalho Castro Chakraborty Chen
Cohen Costa Dasgupta Dubois Eriksson Fernández Fischer Fontaine García Gómez Gupta Hansen
Hernández Hoffmann Hosseini Huang Ivanov Jansen Jensen Johansson Kaur Kim Kobayashi Kovačević
Kowalski Kumar Larsen Lee Lefebvre Li Lin Liu López Martin Martínez Meyer Mishra Moreau Müller
Nakamura Nguyen Nielsen Novak Nowak Okafor Olsen Ortiz Park Patel Pereira Petrov Popescu Rao
Reddy Ricci Rodríguez Romano Rossi Sato Schmidt Schneider Schulz Shah Silva Singh Smith Sokolov
Suzuki Svensson Takahashi Tanaka Taylor Tran Tremblay Van der Berg Varga Wagner Walker Wang
Weber Williams Wong Wu Xu Yamamoto Yang Yilmaz Yoshida Zhang Zhao Zhou Zimmermann Ødegaard
""".split()
# "Van der Berg" was split in three; put it back together as one family name.
_i = LAST_NAMES.index("Van")
LAST_NAMES[_i:_i + 3] = ["van der Berg"]

TAGS = [
    "language models", "mixture of experts", "scaling laws", "efficient inference", "distributed training",
    "model parallelism", "long context", "retrieval", "reinforcement learning", "robotics",
    "computer vision", "video understanding", "multimodal learning", "speech", "graph neural networks",
    "optimization", "federated learning", "privacy", "fairness", "interpretability",
    "program synthesis", "compilers", "systems", "benchmarks", "datasets",
    "theory", "generative models", "diffusion models", "quantization", "sparsity",
]

# (short name, full name)
CONFERENCES = [
    ("NeurIPS", "Advances in Neural Information Processing Systems"),
    ("ICML", "International Conference on Machine Learning"),
    ("ICLR", "International Conference on Learning Representations"),
    ("ACL", "Annual Meeting of the Association for Computational Linguistics"),
    ("EMNLP", "Conference on Empirical Methods in Natural Language Processing"),
    ("NAACL", "Annual Conference of the North American Chapter of the ACL"),
    ("CVPR", "IEEE/CVF Conference on Computer Vision and Pattern Recognition"),
    ("ICCV", "IEEE/CVF International Conference on Computer Vision"),
    ("ECCV", "European Conference on Computer Vision"),
    ("AAAI", "AAAI Conference on Artificial Intelligence"),
    ("IJCAI", "International Joint Conference on Artificial Intelligence"),
    ("KDD", "ACM SIGKDD Conference on Knowledge Discovery and Data Mining"),
    ("SIGIR", "International ACM SIGIR Conference on Research and Development in Information Retrieval"),
    ("OSDI", "USENIX Symposium on Operating Systems Design and Implementation"),
    ("EuroSys", "European Conference on Computer Systems"),
    ("MLSys", "Conference on Machine Learning and Systems"),
    ("PLDI", "ACM SIGPLAN Conference on Programming Language Design and Implementation"),
    ("SC", "International Conference for High Performance Computing, Networking, Storage and Analysis"),
    ("PPoPP", "ACM SIGPLAN Symposium on Principles and Practice of Parallel Programming"),
    ("CoRL", "Conference on Robot Learning"),
]
JOURNALS = [
    ("JMLR", "Journal of Machine Learning Research"),
    ("TPAMI", "IEEE Transactions on Pattern Analysis and Machine Intelligence"),
    ("TACL", "Transactions of the Association for Computational Linguistics"),
    ("TMLR", "Transactions on Machine Learning Research"),
    ("Nat. Mach. Intell.", "Nature Machine Intelligence"),
    ("CACM", "Communications of the ACM"),
    ("IJCV", "International Journal of Computer Vision"),
    ("TOCS", "ACM Transactions on Computer Systems"),
    ("TPDS", "IEEE Transactions on Parallel and Distributed Systems"),
]
WORKSHOPS = [
    ("ENLSP", "Workshop on Efficient Natural Language and Speech Processing", "NeurIPS"),
    ("ES-FoMo", "Workshop on Efficient Systems for Foundation Models", "ICML"),
    ("ME-FoMo", "Workshop on Understanding Foundation Models", "ICLR"),
    ("RepL4NLP", "Workshop on Representation Learning for NLP", "ACL"),
    ("WiML", "Women in Machine Learning Workshop", "NeurIPS"),
    ("SustaiNLP", "Workshop on Simple and Efficient Natural Language Processing", "EMNLP"),
]
AWARDS = ["Best Paper Award", "Outstanding Paper Award", "Oral", "Spotlight", "Best Student Paper Award"]

ADJECTIVES = """adaptive scalable efficient robust sparse dynamic hierarchical contrastive elastic
federated latent modular causal provable lightweight universal structured compositional
self-supervised memory-efficient communication-efficient""".split()
NOUNS = """transformers attention experts embeddings representations policies agents kernels
schedulers optimizers tokenizers retrievers encoders decoders routers adapters priors graphs
compilers benchmarks""".split()
TASKS = ["language modeling", "machine translation", "image classification", "question answering",
         "code generation", "visual reasoning", "speech recognition", "protein design",
         "long-document summarization", "robotic manipulation", "recommendation", "theorem proving",
         "video generation", "table understanding", "instruction following"]
PROPERTIES = ["robustness", "generalization", "sample complexity", "convergence", "calibration",
              "memorization", "emergent abilities", "stability", "expressivity", "data efficiency"]
TECHNIQUES = ["knowledge distillation", "token dropping", "low-rank adaptation", "curriculum learning",
              "speculative decoding", "gradient checkpointing", "pipeline parallelism",
              "contrastive pre-training", "weight averaging", "activation sparsity"]
SYLLABLES = ["Flash", "Mo", "Ada", "Tape", "Scale", "Sparse", "Route", "Mega", "Deep", "Lumi", "Orca",
             "Vita", "Kite", "Nova", "Hydra", "Swift", "Zip", "Quill", "Tiny", "Omni", "Gem", "Mist"]

SENTENCES = [
    "We study {task} with {adj} {noun}, a setting that has received little attention so far.",
    "Existing approaches to {task} rely on dense computation, which limits their {prop} as models grow.",
    "In this paper we propose {method}, which combines {tech} with {adj} {noun}.",
    "Our key insight is that {noun} trained with {tech} exhibit surprising {prop}.",
    "We provide a theoretical analysis showing that {method} improves {prop} under mild assumptions.",
    "Experiments on {n} benchmarks for {task} show that {method} matches strong baselines while using {k} times less compute.",
    "We further find that {tech} and {adj} {noun} are complementary, and that their combination scales to models with {b} billion parameters.",
    "Ablations reveal that the gains come mostly from {tech}, not from the larger budget.",
    "Compared with prior work on {task2}, our method is simpler to implement and easier to tune.",
    "We release code, checkpoints and a new benchmark for {task} to support future research.",
    "Finally, we discuss the limitations of {method} and open questions about the {prop} of {noun}.",
    "Surprisingly, {adj} {noun} outperform their dense counterparts on {task2} by {p} points.",
]

POST_TOPICS = ["mixture-of-experts routing", "scaling laws", "our new benchmark", "reviewing for NeurIPS",
               "teaching a systems course", "long-context training", "reproducible research",
               "writing a thesis", "the job market", "open-source models", "evaluation pitfalls",
               "GPU clusters on a budget", "sparse attention", "curriculum design", "research software"]
POST_TITLES = ["Notes on {t}", "What I learned from {t}", "A short tour of {t}", "Revisiting {t}",
               "Five lessons from {t}", "Some thoughts on {t}", "A year of {t}", "Why {t} matters"]

LATEX_ACCENTS = {
    "á": "{\\'a}", "é": "{\\'e}", "í": "{\\'i}", "ó": "{\\'o}", "ú": "{\\'u}", "ć": "{\\'c}",
    "ö": '{\\"o}', "ü": '{\\"u}', "ë": '{\\"e}', "ä": '{\\"a}',
    "ç": "{\\c{c}}", "ñ": "{\\~n}", "ã": "{\\~a}", "č": "{\\v{c}}", "š": "{\\v{s}}",
    "ø": "{\\o}", "Ø": "{\\O}", "å": "{\\aa}",
}


# --------------------------------------------------------------------------------------------
# The data: one model, written out in both forms.
# --------------------------------------------------------------------------------------------

def ascii_fold(text):
    table = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ć": "c", "ö": "o", "ü": "u", "ë": "e",
             "ä": "a", "ç": "c", "ñ": "n", "ã": "a", "č": "c", "š": "s", "ø": "o", "Ø": "O", "å": "a"}
    return "".join(table.get(c, c) for c in text)


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def name_pool(rng, size):
    """`size` distinct (first, last) names; about one in ten has a middle initial."""
    pool, seen = [], {OWNER}
    while len(pool) < size:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        if rng.random() < 0.1:
            first = f"{first} {rng.choice('ABCDEFGHJKLMNPRST')}."
        if f"{first} {last}" not in seen:
            seen.add(f"{first} {last}")
            pool.append((first, last))
    return pool


def words_until(rng, minimum, make_sentence):
    out, count = [], 0
    while count < minimum:
        s = make_sentence()
        out.append(s)
        count += len(s.split())
    return " ".join(out)


def make_method(rng):
    return rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(["", "", "-2", "++", "X"])


def make_title(rng, method):
    adj, noun, task = rng.choice(ADJECTIVES), rng.choice(NOUNS), rng.choice(TASKS)
    pattern = rng.randrange(6)
    if pattern == 0:
        return f"{method}: {adj.capitalize()} {noun.capitalize()} for {task.title()}"
    if pattern == 1:
        return f"{adj.capitalize()} {noun.capitalize()} for {task.capitalize()}"
    if pattern == 2:
        return f"Towards {adj.capitalize()} {task.title()} with {noun.capitalize()}"
    if pattern == 3:
        return f"On the {rng.choice(PROPERTIES).title()} of {adj.capitalize()} {noun.capitalize()}"
    if pattern == 4:
        return f"{method}: Scaling {noun.capitalize()} via {rng.choice(TECHNIQUES).title()}"
    return f"Learning {adj.capitalize()} {noun.capitalize()} at Scale"


def make_abstract(rng, method):
    def sentence():
        return rng.choice(SENTENCES).format(
            task=rng.choice(TASKS), task2=rng.choice(TASKS), adj=rng.choice(ADJECTIVES),
            noun=rng.choice(NOUNS), prop=rng.choice(PROPERTIES), tech=rng.choice(TECHNIQUES),
            method=method, n=rng.randint(3, 12), k=rng.randint(2, 8), b=rng.choice([1, 7, 13, 34, 70]),
            p=f"{rng.randint(1, 9)}.{rng.randint(0, 9)}")
    return words_until(rng, 115, sentence)


def make_papers(rng, n):
    pool = name_pool(rng, max(20, n // 2))
    papers, keys = [], set()
    for i in range(n):
        r = rng.random()
        kind = "conference" if r < 0.5 else "journal" if r < 0.7 else "workshop" if r < 0.85 else "preprint"
        year = rng.randint(2012, 2025) if kind == "preprint" else rng.randint(2000, 2025)
        if kind == "conference":
            short, full = rng.choice(CONFERENCES)
            venue, venue_short = full, f"{short} {year}"
        elif kind == "journal":
            short, full = rng.choice(JOURNALS)
            venue, venue_short = full, f"{short} {year}"
        elif kind == "workshop":
            short, full, host = rng.choice(WORKSHOPS)
            venue, venue_short = f"{full} at {host} {year}", f"{short} @ {host} {year}"
        else:
            venue, venue_short = "arXiv preprint", "arXiv"

        count = rng.randint(3, 12)
        authors = [f"{f} {l}" for f, l in rng.sample(pool, count - 1)]
        authors.insert(rng.randrange(count), OWNER)
        equal = rng.random() < 0.1  # the first two authors contributed equally
        method = make_method(rng)
        title = make_title(rng, method)

        first_family = authors[0].split()[-1]
        base = slugify(first_family).replace("-", "") + str(year) + slugify(title.split()[0].rstrip(":")).replace("-", "")
        key, suffix = base, 0
        while key in keys:
            suffix += 1
            key = f"{base}{chr(ord('a') + (suffix - 1) % 26)}{(suffix - 1) // 26 or ''}"
        keys.add(key)

        links = {}
        if kind != "preprint" and rng.random() < 0.7:
            links["doi"] = f"10.{rng.randint(1000, 9999)}/{slugify(venue_short.split()[0]) or 'x'}.{year}.{rng.randint(100, 99999)}"
        if kind == "preprint" or (year >= 2008 and rng.random() < 0.6):
            yy = max(year, 2008) % 100
            links["arxiv"] = f"{yy:02d}{rng.randint(1, 12):02d}.{rng.randint(1, 19999):05d}"
        if rng.random() < 0.5:
            links["pdf"] = f"{BASE_URL}papers/{key}.pdf"
        if rng.random() < 0.4:
            links["code"] = f"https://github.com/{slugify(OWNER_LAST)}-lab/{slugify(method)}"

        papers.append({
            "key": key, "title": title, "authors": authors, "equal": equal, "venue": venue,
            "venue_short": venue_short, "year": year, "type": kind,
            "tags": rng.sample(TAGS, rng.randint(1, 3)), "links": links,
            "abstract": make_abstract(rng, method),
            "award": rng.choice(AWARDS) if rng.random() < 0.03 else None,
            "selected": False,
        })
    # A handful of selected papers, for the home page.
    for p in rng.sample(papers, min(6, len(papers))):
        p["selected"] = True
    return papers


def make_posts(rng, count):
    posts, slugs = [], set()
    for i in range(count):
        topic = rng.choice(POST_TOPICS)
        title = rng.choice(POST_TITLES).format(t=topic)
        slug, k = slugify(title), 1
        while slug in slugs:
            k += 1
            slug = f"{slugify(title)}-{k}"
        slugs.add(slug)
        date = f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        posts.append({"title": title, "slug": slug, "date": date,
                      "description": f"Some notes on {topic}, from our group's recent work.",
                      "body": make_post_body(rng, topic)})
    return posts


def make_post_body(rng, topic):
    def sentence():
        s = rng.choice(SENTENCES).format(
            task=rng.choice(TASKS), task2=rng.choice(TASKS), adj=rng.choice(ADJECTIVES),
            noun=rng.choice(NOUNS), prop=rng.choice(PROPERTIES), tech=rng.choice(TECHNIQUES),
            method=make_method(rng), n=rng.randint(3, 12), k=rng.randint(2, 8), b=rng.choice([1, 7, 70]),
            p=f"{rng.randint(1, 9)}.{rng.randint(0, 9)}")
        return s.replace("We ", "I ", 1) if rng.random() < 0.3 else s

    parts = [f"This post collects a few thoughts on **{topic}** that did not fit in a paper."]
    words = 12
    section = 0
    while words < 480:
        if words > 150 * (section + 1):
            section += 1
            parts.append(f"## {rng.choice(['Background', 'What worked', 'What did not', 'Open questions', 'Next steps'])}")
        if rng.random() < 0.15:
            items = [f"- {rng.choice(TECHNIQUES).capitalize()} helps with `{rng.choice(NOUNS)}`." for _ in range(3)]
            parts.append("\n".join(items))
            words += 18
        paragraph = words_until(rng, 60, sentence)
        if rng.random() < 0.3:
            paragraph += f" See [the paper]({BASE_URL}publications/) for details."
        parts.append(paragraph)
        words += len(paragraph.split())
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------------------------
# Writing YAML (a small emitter: strings as JSON, which YAML reads as double-quoted scalars).
# --------------------------------------------------------------------------------------------

def scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    return json.dumps(v, ensure_ascii=False)


def yaml_list_of_maps(items):
    """A YAML sequence of flat maps whose values are scalars, lists of scalars or maps of scalars."""
    lines = []
    for item in items:
        first = True
        for k, v in item.items():
            if v is None:
                continue
            lead = "- " if first else "  "
            first = False
            if isinstance(v, list):
                if v and isinstance(v[0], dict):
                    lines.append(f"{lead}{k}:")
                    for d in v:
                        lines.append("    - {" + ", ".join(f"{a}: {scalar(b)}" for a, b in d.items()) + "}")
                else:
                    lines.append(f"{lead}{k}: [" + ", ".join(scalar(x) for x in v) + "]")
            elif isinstance(v, dict):
                lines.append(f"{lead}{k}:")
                for a, b in v.items():
                    lines.append(f"    {a}: {scalar(b)}")
            else:
                lines.append(f"{lead}{k}: {scalar(v)}")
        lines.append("")
    return "\n".join(lines)


def marked_authors(p):
    return [a + "*" if p["equal"] and i < 2 else a for i, a in enumerate(p["authors"])]


def publications_yaml(papers):
    entries = []
    for p in papers:
        entries.append({
            "key": p["key"], "title": p["title"], "authors": marked_authors(p), "venue": p["venue"],
            "venue_short": p["venue_short"], "year": p["year"], "type": p["type"], "award": p["award"],
            "links": p["links"] or None, "abstract": p["abstract"], "selected": p["selected"] or None,
            "tags": p["tags"],
        })
    return "# Synthetic publications written by benches/synth/generate.py\n" + yaml_list_of_maps(entries)


# --------------------------------------------------------------------------------------------
# Writing BibTeX, as a reference manager would: "Last, First" names, LaTeX accents, braces.
# --------------------------------------------------------------------------------------------

def latex(text):
    text = text.replace("\\", "\\textbackslash{}").replace("%", "\\%").replace("&", "\\&").replace("#", "\\#").replace("_", "\\_")
    return "".join(LATEX_ACCENTS.get(c, c) for c in text)


def bib_name(name, equal):
    parts = name.split()
    # Family names with particles ("van der Berg") are written "van der Berg, Sven".
    for i, w in enumerate(parts):
        if w in ("van", "der", "de") and i > 0:
            first, last = " ".join(parts[:i]), " ".join(parts[i:])
            break
    else:
        first, last = " ".join(parts[:-1]), parts[-1]
    return f"{latex(last)}{'*' if equal else ''}, {latex(first)}"


def bib_title(title):
    # Protect the method name (capitals in the middle of a word), as Google Scholar exports do.
    return re.sub(r"\b[A-Z]\w*[a-z][A-Z][\w-]*|\b[A-Z][A-Z]+\b", lambda m: "{" + m.group(0) + "}", latex(title))


def publications_bib(papers):
    out = ["% Synthetic publications written by benches/synth/generate.py\n"]
    for p in papers:
        fields = [("title", bib_title(p["title"])),
                  ("author", " and ".join(bib_name(a, p["equal"] and i < 2) for i, a in enumerate(p["authors"])))]
        if p["type"] in ("conference", "workshop"):
            entry_type = "inproceedings"
            fields.append(("booktitle", latex(p["venue"])))
        elif p["type"] == "journal":
            entry_type = "article"
            fields.append(("journal", latex(p["venue"])))
        else:
            entry_type = "misc"
            fields.append(("howpublished", latex(p["venue"])))
        fields.append(("year", str(p["year"])))
        fields.append(("abbr", latex(p["venue_short"])))
        links = p["links"]
        if "doi" in links:
            fields.append(("doi", links["doi"]))
        if "arxiv" in links:
            fields += [("eprint", links["arxiv"]), ("archivePrefix", "arXiv")]
        if "pdf" in links:
            fields.append(("pdf", links["pdf"]))
        if "code" in links:
            fields.append(("code", links["code"]))
        fields.append(("keywords", ", ".join(p["tags"])))
        fields.append(("abstract", latex(p["abstract"])))
        if p["award"]:
            fields.append(("award_name", p["award"]))
        if p["selected"]:
            fields.append(("selected", "true"))
        width = max(len(k) for k, _ in fields)
        body = ",\n".join(f"  {k.ljust(width)} = {{{v}}}" for k, v in fields)
        out.append(f"@{entry_type}{{{p['key']},\n{body}\n}}\n")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# The CV sections (the same for every N, a handful of entries each).
# --------------------------------------------------------------------------------------------

def cv_sections(papers):
    profile = {
        "name": OWNER, "position": "Associate Professor",
        "affiliation": "Department of Computer Science, University of Examplestad",
        "contact": {"email": "clara@example.org", "phone": "+46 8 555 0100", "location": "Stockholm, Sweden",
                    "website": BASE_URL},
        "links": {"google_scholar": "https://scholar.google.com/citations?user=SYNTH0001",
                  "github": "https://github.com/clara-lindqvist", "orcid": "0000-0002-1825-0097",
                  "dblp": "https://dblp.org/pid/00/0001"},
    }
    education = [
        {"degree": "Doctor of Philosophy", "degree_short": "Ph.D.", "field": "Computer Science",
         "institution": "ETH Zurich", "location": "Zurich, Switzerland", "start": "2008-09", "end": "2013-06",
         "advisors": ["Thomas Hoffmann"], "thesis": "Scalable Learning with Sparse Experts",
         "honors": ["ETH Medal for an outstanding doctoral thesis"]},
        {"degree": "Master of Science", "degree_short": "M.Sc.", "field": "Computer Science",
         "institution": "KTH Royal Institute of Technology", "location": "Stockholm, Sweden",
         "start": "2006-09", "end": "2008-06", "gpa": "4.9/5.0"},
        {"degree": "Bachelor of Science", "degree_short": "B.Sc.", "field": "Engineering Physics",
         "institution": "Uppsala University", "location": "Uppsala, Sweden", "start": "2003-09", "end": "2006-06"},
    ]
    experience = [
        {"category": "Academic Positions", "organization": "University of Examplestad", "team": "Scalable ML Lab",
         "role": "Associate Professor", "location": "Stockholm, Sweden", "start": "2019-08", "end": "present",
         "summary": "Leading a group of **twelve** students on efficient large-scale learning.",
         "highlights": ["Founded the Scalable ML Lab.", "Raised *SEK 40M* in grants."]},
        {"category": "Academic Positions", "organization": "University of Examplestad",
         "role": "Assistant Professor", "location": "Stockholm, Sweden", "start": "2015-08", "end": "2019-07"},
        {"category": "Industry Research", "organization": "Example AI", "team": "Foundation Models",
         "role": "Visiting Researcher", "location": "Zurich, Switzerland", "remote": True,
         "start": "2021-01", "end": "2021-12", "mentors": ["Noah Weber"],
         "highlights": ["Trained sparse models with a trillion parameters."]},
        {"category": "Industry Research", "organization": "Example Labs", "role": "Research Intern",
         "location": "Mountain View, CA", "start": "2012-06", "end": "2012-09"},
    ]
    awards = [{"title": t, "issuer": i, "date": d} for t, i, d in [
        ("ERC Starting Grant", "European Research Council", "2022"),
        ("Sloan Research Fellowship", "Alfred P. Sloan Foundation", "2020-02"),
        ("Best Paper Award", "MLSys", "2019-04"),
        ("Teaching Excellence Award", "University of Examplestad", "2018-06"),
        ("Google Faculty Research Award", "Google", "2017"),
        ("ETH Medal", "ETH Zurich", "2014-03"),
    ]]
    awards[0]["description"] = "For *scalable and efficient* foundation models."
    talks = [{"title": t, "event": e, "location": l, "date": d, "invited": True} for t, e, l, d in [
        ("Sparse Experts at Scale", "Stanford MLSys Seminar", "Online", "2024-03-14"),
        ("Efficient Foundation Models", "Keynote, ECML-PKDD", "Turin, Italy", "2023-09-20"),
        ("Routing Tokens, Not Models", "Google Research", "Zurich, Switzerland", "2023-05"),
        ("Scaling Laws Revisited", "Microsoft Research Cambridge", "Cambridge, UK", "2022-11"),
        ("What Makes Experts Specialize?", "NeurIPS Workshop on Efficient NLP", "New Orleans, LA", "2022-12"),
        ("Learning at Scale", "KTH AI Seminar", "Stockholm, Sweden", "2021-04"),
    ]]
    talks[0]["slides"] = f"{BASE_URL}slides/sparse-experts.pdf"
    teaching = [
        {"course": "DD2424 Deep Learning", "role": "Instructor", "institution": "University of Examplestad",
         "start": "2020-01", "end": "2024-05", "description": "About 300 students a year."},
        {"course": "DD2360 Applied GPU Programming", "role": "Instructor", "institution": "University of Examplestad",
         "start": "2016-09", "end": "2019-12"},
        {"course": "Machine Learning Systems (seminar)", "role": "Co-instructor", "institution": "ETH Zurich",
         "start": "2013-02", "end": "2013-06"},
        {"course": "Introduction to Programming", "role": "Teaching Assistant", "institution": "ETH Zurich",
         "start": "2009-09", "end": "2011-12"},
    ]
    service = [
        {"category": "Conference", "year": 2024, "roles": [{"venue": "NeurIPS", "role": "Area Chair"},
                                                            {"venue": "ICML", "role": "Area Chair"}]},
        {"category": "Conference", "roles": [{"venue": "ICLR", "role": "Reviewer"}, {"venue": "MLSys", "role": "PC Member"},
                                             {"venue": "ACL", "role": "Reviewer"}]},
        {"category": "Journal", "roles": [{"venue": "JMLR", "role": "Action Editor"}, {"venue": "TMLR", "role": "Reviewer"}]},
        {"category": "Department", "roles": [{"venue": "Graduate admissions committee", "role": "Chair"}]},
    ]
    skills = {"Programming": ["Python", "C++", "CUDA", "Rust"], "Frameworks": ["PyTorch", "JAX", "DeepSpeed"],
              "Systems": ["Slurm", "Kubernetes", "MPI"], "Languages": ["Swedish", "English", "German"]}
    news = [{"date": d, "text": t} for d, t in [
        ("2025-05-02", "Three papers accepted at **ICML 2025**."),
        ("2025-01-22", "Two papers accepted at **ICLR 2025**."),
        ("2024-12-10", "Giving a talk at the [NeurIPS 2024](https://neurips.cc/) efficiency workshop."),
        ("2024-09-26", "Our paper on sparse routing is an *oral* at NeurIPS 2024."),
        ("2024-06-01", "Welcome to our new Ph.D. students!"),
        ("2024-03-14", "Talk at the Stanford MLSys Seminar."),
        ("2023-11-01", "Awarded an **ERC Starting Grant**."),
        ("2023-07-15", "Serving as Area Chair for NeurIPS 2024."),
    ]]
    by_tag = {}
    for p in papers:
        for t in p["tags"]:
            by_tag.setdefault(t, []).append(p["key"])
    projects = []
    for name, tag, claim in [("SparseScale", "mixture of experts", "Mixture-of-experts models that **scale** to trillions of parameters."),
                             ("LongView", "long context", "Training and serving models with *million-token* contexts."),
                             ("OpenBench", "benchmarks", "Open, reproducible benchmarks for efficient ML.")]:
        keys = by_tag.get(tag, [])[:3] or [papers[0]["key"]]
        projects.append({"name": name, "claim": claim, "publications": keys,
                         "links": [{"label": "Code", "url": f"https://github.com/clara-lindqvist/{name.lower()}"}]})
    return {"profile": profile, "education": education, "experience": experience, "awards": awards,
            "talks": talks, "teaching": teaching, "service": service, "skills": skills, "news": news,
            "projects": projects}


BIO = (f"{OWNER} is an Associate Professor of Computer Science at the University of Examplestad, where she "
       "leads the **Scalable ML Lab**. Her research makes large models cheaper to train and serve: "
       "sparse mixture-of-experts, long-context training, and the systems beneath them. Before that she "
       "received her Ph.D. from ETH Zurich.\n")


def flat_yaml(obj, indent=0):
    """A YAML map of scalars, lists of scalars and nested maps (profile.yaml, skills.yaml)."""
    pad = " " * indent
    lines = []
    for k, v in obj.items():
        if isinstance(v, dict):
            lines.append(f"{pad}{k}:")
            lines.append(flat_yaml(v, indent + 2))
        elif isinstance(v, list):
            lines.append(f"{pad}{k}: [" + ", ".join(scalar(x) for x in v) + "]")
        else:
            lines.append(f"{pad}{k}: {scalar(v)}")
    return "\n".join(lines)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def section_files(cv):
    """content file name → text, for the CV sections (shared by both sites)."""
    files = {"profile.yaml": flat_yaml(cv["profile"]) + "\ninterests:\n"
             "  - {area: Machine Learning, topics: [Mixture of Experts, Scaling Laws, Efficient Inference]}\n"
             "  - {area: Systems, topics: [Distributed Training, Compilers for ML]}\n",
             "skills.yaml": flat_yaml(cv["skills"])}
    for name in ("education", "experience", "awards", "talks", "teaching", "service", "news", "projects"):
        files[f"{name}.yaml"] = yaml_list_of_maps(cv[name])
    return files


def write_cvsite(root, papers, posts, form):
    write(root / "cvsite.yaml", "\n".join([
        "# Synthetic site written by benches/synth/generate.py",
        f"title: {scalar(OWNER)}",
        "description: Homepage of a fictional researcher, generated for cvsite's benchmarks.",
        f"base_url: {BASE_URL}",
        "language: en",
        "cv:",
        "  sections: [education, interests, highlights, experience, publications, awards, talks, teaching, service, skills, news]",
    ]))
    content = root / "content"
    for name, text in section_files(cv_sections(papers)).items():
        write(content / name, text)
    write(content / "bio.md", BIO)
    if form == "bib":
        write(content / "publications.bib", publications_bib(papers))
    else:
        write(content / "publications.yaml", publications_yaml(papers))
    for post in posts:
        # cvsite's post front matter has no `tags` (an unknown field is an error), so posts carry
        # title, date and description, on both sites.
        write(content / "posts" / f"{post['date']}-{post['slug']}.md",
              f"---\ntitle: {scalar(post['title'])}\ndate: {post['date']}\n"
              f"description: {scalar(post['description'])}\n---\n{post['body']}")


# --------------------------------------------------------------------------------------------
# The Hugo site and its minimal theme.
# --------------------------------------------------------------------------------------------

HUGO_TOML = f"""# Synthetic site written by benches/synth/generate.py
baseURL = "{BASE_URL}"
title = "{OWNER}"
disableKinds = ["rss"]
enableRobotsTXT = false

[taxonomies]
  tag = "tags"
  type = "types"   # front matter `types: [conference]`: `type` itself is reserved by Hugo (layout lookup)

[params]
  owner = "{OWNER}"

[[menus.main]]
  name = "Home"
  pageRef = "/"
  weight = 1
[[menus.main]]
  name = "CV"
  pageRef = "/cv"
  weight = 2
[[menus.main]]
  name = "Publications"
  pageRef = "/publications"
  weight = 3
[[menus.main]]
  name = "Posts"
  pageRef = "/posts"
  weight = 4
"""

LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Summary | plainify | truncate 160 }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;color:#222}
nav a{margin-right:1rem} .authors .me{font-weight:bold} .venue{font-style:italic}
ol.papers li{margin-bottom:.6rem} .tag{font-size:.85em;background:#eee;border-radius:3px;padding:0 .3em}
</style>
</head>
<body>
<header><nav>{{ range site.Menus.main }}<a href="{{ .URL }}">{{ .Name }}</a>{{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>© {{ site.Title }}</p></footer>
</body>
</html>
""",
    "partials/authors.html": """<span class="authors">{{ $owner := site.Params.owner }}{{ range $i, $a := . }}{{ if $i }}, {{ end }}{{ if eq (strings.TrimSuffix "*" $a) $owner }}<span class="me">{{ $a }}</span>{{ else }}{{ $a }}{{ end }}{{ end }}</span>""",
    "partials/paper.html": """<li id="{{ .File.ContentBaseName }}"><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.award }} <strong>{{ . }}</strong>{{ end }}<br>
{{ partial "authors.html" .Params.authors }}<br>
<span class="venue">{{ with .Params.venue_short }}{{ . }}{{ else }}{{ .Params.venue }}{{ end }}</span>
{{ range .GetTerms "tags" }}<a class="tag" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
{{ with .Params.links }}{{ with .pdf }}<a href="{{ . }}">PDF</a> {{ end }}{{ with .arxiv }}<a href="https://arxiv.org/abs/{{ . }}">arXiv</a> {{ end }}{{ with .doi }}<a href="https://doi.org/{{ . }}">DOI</a> {{ end }}{{ with .code }}<a href="{{ . }}">Code</a>{{ end }}{{ end }}</li>
""",
    "partials/by-year.html": """{{ range .GroupByDate "2006" }}<h2 id="y{{ .Key }}">{{ .Key }}</h2>
<ol class="papers">{{ range .Pages.ByTitle }}{{ partial "paper.html" . }}{{ end }}</ol>
{{ end }}""",
    "index.html": """{{ define "main" }}{{ with site.Data.profile }}<h1>{{ .name }}</h1>
<p>{{ .position }}, {{ .affiliation }}</p>{{ end }}
{{ .Content }}
{{ with site.Data.news }}<h2>News</h2><ul>{{ range first 5 . }}<li>{{ .date }}: {{ .text | markdownify }}</li>{{ end }}</ul>{{ end }}
<h2>Publications</h2>
{{ partial "by-year.html" (where site.RegularPages "Section" "publications") }}
{{ end }}""",
    # One list layout for sections, taxonomies and terms: Hugo's lookup of `taxonomy.html` and
    # `term.html` changed in v0.146, a `.Kind` switch works with every version.
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ if eq .Kind "taxonomy" }}<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ else if or (eq .Kind "term") (eq .Section "publications") }}{{ partial "by-year.html" .Pages }}
{{ else }}<ul>{{ range .Pages.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2 Jan 2006" }}</time><br>{{ .Description }}</li>{{ end }}</ul>{{ end }}
{{ end }}""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}""",
    "publications/single.html": """{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p>{{ partial "authors.html" .Params.authors }}</p>
<p class="venue">{{ .Params.venue }}{{ with .Params.venue_short }} ({{ . }}){{ end }}, {{ .Params.year }}{{ with .Params.award }} · <strong>{{ . }}</strong>{{ end }}</p>
<p>{{ range .GetTerms "types" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}
{{ range .GetTerms "tags" }}<a class="tag" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ with .Params.links }}<p>{{ with .pdf }}<a href="{{ . }}">PDF</a> {{ end }}{{ with .arxiv }}<a href="https://arxiv.org/abs/{{ . }}">arXiv</a> {{ end }}{{ with .doi }}<a href="https://doi.org/{{ . }}">DOI</a> {{ end }}{{ with .code }}<a href="{{ . }}">Code</a>{{ end }}</p>{{ end }}
<h2>Abstract</h2>
{{ .Content }}
</article>{{ end }}""",
    "posts/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ .Content }}</article>{{ end }}""",
    "_default/cv.html": """{{ define "main" }}{{ $d := site.Data }}<h1>{{ $d.profile.name }}</h1>
<p>{{ $d.profile.position }}, {{ $d.profile.affiliation }}</p>
<h2>Education</h2><ul>{{ range $d.education }}<li><strong>{{ .degree }}</strong>{{ with .field }}, {{ . }}{{ end }}, {{ .institution }} ({{ .start }}–{{ .end }}){{ with .thesis }}<br>Thesis: {{ . }}{{ end }}</li>{{ end }}</ul>
<h2>Research interests</h2><ul>{{ range $d.profile.interests }}<li>{{ .area }}: {{ delimit .topics ", " }}</li>{{ end }}</ul>
<h2>Research highlights</h2><ul>{{ range $d.projects }}<li><strong>{{ .name }}</strong>: {{ .claim | markdownify }}</li>{{ end }}</ul>
<h2>Experience</h2><ul>{{ range $d.experience }}<li><strong>{{ .role }}</strong>, {{ .organization }} ({{ .start }}–{{ .end }}){{ with .summary }}<br>{{ . | markdownify }}{{ end }}{{ with .highlights }}<ul>{{ range . }}<li>{{ . | markdownify }}</li>{{ end }}</ul>{{ end }}</li>{{ end }}</ul>
<h2>Publications</h2>
{{ partial "by-year.html" (where site.RegularPages "Section" "publications") }}
<h2>Awards</h2><ul>{{ range $d.awards }}<li>{{ .title }}, {{ .issuer }}, {{ .date }}</li>{{ end }}</ul>
<h2>Talks</h2><ul>{{ range $d.talks }}<li>{{ .title }}, {{ .event }}, {{ .location }}, {{ .date }}</li>{{ end }}</ul>
<h2>Teaching</h2><ul>{{ range $d.teaching }}<li>{{ .course }}, {{ .role }}, {{ .institution }}</li>{{ end }}</ul>
<h2>Service</h2><ul>{{ range $d.service }}<li>{{ .category }}: {{ range $i, $r := .roles }}{{ if $i }}, {{ end }}{{ $r.role }}, {{ $r.venue }}{{ end }}</li>{{ end }}</ul>
<h2>Skills</h2><ul>{{ range $k, $v := $d.skills }}<li>{{ $k }}: {{ delimit $v ", " }}</li>{{ end }}</ul>
<h2>News</h2><ul>{{ range $d.news }}<li>{{ .date }}: {{ .text | markdownify }}</li>{{ end }}</ul>
{{ end }}""",
    "404.html": """{{ define "main" }}<h1>Page not found</h1><p><a href="{{ "/" | relURL }}">Home</a></p>{{ end }}""",
}


def hugo_front_matter(fields):
    lines = ["---"]
    for k, v in fields.items():
        if v is None:
            continue
        if isinstance(v, list):
            lines.append(f"{k}: [" + ", ".join(scalar(x) for x in v) + "]")
        elif isinstance(v, dict):
            lines.append(f"{k}:")
            lines += [f"  {a}: {scalar(b)}" for a, b in v.items()]
        else:
            lines.append(f"{k}: {scalar(v)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def write_hugo(root, papers, posts):
    write(root / "hugo.toml", HUGO_TOML)
    for name, text in LAYOUTS.items():
        write(root / "layouts" / name, text)
    for name, text in section_files(cv_sections(papers)).items():
        write(root / "data" / name, text)
    content = root / "content"
    write(content / "_index.md", hugo_front_matter({"title": OWNER}) + BIO)
    write(content / "cv.md", hugo_front_matter({"title": "CV", "layout": "cv"}))
    write(content / "publications" / "_index.md", hugo_front_matter({"title": "Publications"}))
    write(content / "posts" / "_index.md", hugo_front_matter({"title": "Posts"}))
    for p in papers:
        write(content / "publications" / f"{p['key']}.md", hugo_front_matter({
            "title": p["title"], "authors": marked_authors(p), "venue": p["venue"],
            "venue_short": p["venue_short"], "year": p["year"], "date": f"{p['year']}-01-01",
            "tags": p["tags"], "types": [p["type"]], "award": p["award"], "links": p["links"] or None,
            "selected": p["selected"] or None,
        }) + p["abstract"] + "\n")
    for post in posts:
        write(content / "posts" / f"{post['date']}-{post['slug']}.md", hugo_front_matter({
            "title": post["title"], "date": post["date"], "slug": post["slug"],
            "description": post["description"],
        }) + post["body"])


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of publications")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--form", choices=["yaml", "bib"], default="yaml",
                    help="publications as content/publications.yaml (default) or .bib")
    ap.add_argument("--seed", type=int, default=20240501)
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")

    rng = random.Random(args.seed)
    papers = make_papers(rng, args.n)
    posts = make_posts(rng, max(1, args.n // 10))

    for sub in ("cvsite", "hugo"):
        shutil.rmtree(args.outdir / sub, ignore_errors=True)
    write_cvsite(args.outdir / "cvsite", papers, posts, args.form)
    write_hugo(args.outdir / "hugo", papers, posts)
    print(f"{args.n} papers, {len(posts)} posts ({args.form}) → {args.outdir}/cvsite, {args.outdir}/hugo",
          file=sys.stderr)


if __name__ == "__main__":
    main()
