"""A synthetic corpus larger than a figure holds: 12 outlets, 15 camps (one speaker each).

Written by the figure tests; every sentence is made up and says nothing about anyone."""

from __future__ import annotations

import random

import pandas as pd

FIRST = ["Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hassan", "Ingrid",
         "Jorge", "Keiko", "Lars", "Mona", "Nikos", "Olga"]
LAST = ["Abbott", "Bremer", "Castillo", "Dorn", "Eklund", "Farouk", "Gallo", "Haddad",
        "Ibsen", "Jansen", "Kato", "Lund", "Moreau", "Novak", "Orlov"]
OUTLETS = ["Alpha Daily", "Beta Times", "Gamma Post", "Delta Herald", "Epsilon News",
           "Zeta Observer", "Eta Courier", "Theta Ledger", "Iota Gazette", "Kappa Wire",
           "Lambda Tribune", "Mu Journal"]
GOOD = ["welcomed the excellent agreement", "praised the successful talks",
        "celebrated a great victory for peace"]
BAD = ["condemned the terrible attack", "attacked the disastrous failure",
       "warned of a deadly crisis"]


def write_codebook(path) -> None:
    rows = [{"actor": f"person_{i:02d}", "label": f"{FIRST[i]} {LAST[i]}",
             "camp": f"camp_{i:02d}", "camp_label": f"Camp {LAST[i]} and allies",
             "type": "person", "aliases": f"{FIRST[i]} {LAST[i]}|{LAST[i]}", "notes": ""}
            for i in range(15)]
    pd.DataFrame(rows).to_csv(path, index=False)


def write_corpus(folder, articles_per_outlet: int = 2, seed: int = 7) -> None:
    """A folder with manifest.csv: each outlet quotes and mentions a different mix of camps."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for o, outlet in enumerate(OUTLETS):
        for a in range(articles_per_outlet):
            paragraphs = [f"Talks continue in the capital, report {a + 1} for {outlet}."]
            for i in range(15):
                # camp i appears in outlet o with a weight that falls with i
                for _ in range(rng.randint(0, max(1, 6 - i // 3 + (o % 3)))):
                    name = f"{FIRST[i]} {LAST[i]}"
                    verb = rng.choice(GOOD if (i + o) % 2 else BAD)
                    paragraphs.append(f"{name} {verb} on Monday, officials said.")
                    paragraphs.append(f"“We will not accept this {rng.choice(['plan', 'deal'])}, "
                                      f"and we will say so again and again,” {LAST[i]} said.")
            name = f"a{o:02d}_{a}.txt"
            (folder / name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
            rows.append({"file": name, "outlet": outlet, "title": f"Report {a + 1}",
                         "published": f"2024-05-{a + 1:02d}"})
    pd.DataFrame(rows).to_csv(folder / "manifest.csv", index=False)
