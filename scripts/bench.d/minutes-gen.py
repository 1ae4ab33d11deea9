#!/usr/bin/env python3
"""minutes-gen BYTES [SEED]: fictional minutes of about BYTES bytes for
make bench (T7): a Czech working group's meeting whose organisations report
in turn, with attendees, capacity statements in the forms the parser reads,
and next meeting dates; the same seed gives the same text."""
import random
import sys

ORGS = ["Přístav", "Sdružení Květina", "Domov Lípa", "Centrum pro bydlení",
        "Charita Jizerov", "Most Jizerov", "Poradna Brána", "Spolek Vlaštovka",
        "Diakonie Skalice", "Azylový dům Sova", "Nízkoprahový klub Kotva",
        "Dobrovolnické centrum Úl"]
FIRST = ["Jana", "Petr", "Eva", "Tomáš", "Olena", "Marie", "Radim", "Kateryna",
         "Lukáš", "Hana", "Ivan", "Alena"]
LAST = ["Nováková", "Malý", "Tichá", "Dvořák", "Melnyk", "Hrubá", "Kolář",
        "Bondarenko", "Vrba", "Svobodová", "Kučera", "Pokorná"]
SAYS = [
    "Pracují s {a} rodinami, volnou kapacitu ještě mají.",
    "Noclehárna je zcela plná, na čekací listině je {b} klientů.",
    "Obsazeno je {a} z {c} lůžek.",
    "Kapacita je {c} míst, volných je {b} míst.",
    "Od minulého setkání nemají žádné novinky, pracují ve standardním režimu.",
    "Informovali o nové nabídce poradenství v oblasti bydlení a zaměstnání.",
    "Na byt teď čeká {b} klientů, nabídka bytů je stále nízká.",
    "Azylový dům je téměř plný, přijímají jen rodiny s dětmi.",
    "Rozšířili tým o dva pracovníky a otevírají poradnu i v pátek odpoledne.",
    "Momentálně mají v péči {a} rodin a spolupracují s městem na dalších bytech.",
]


def main():
    size = int(sys.argv[1])
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20261124)
    out = ["Zápis z jednání pracovní skupiny Cizinci\n\n",
           "12. listopadu 2026, 13:30 hod., zasedací místnost radnice Jizerov\n\n",
           "Témata jednání:\n\n1. Zprávy z organizací\n2. Různé\n\n"]
    names = ", ".join("%s %s" % (rnd.choice(FIRST), rnd.choice(LAST)) for _ in range(14))
    out.append("Přítomni: %s\n\n" % names)
    total = sum(len(s.encode()) for s in out)
    while total < size:
        org = rnd.choice(ORGS)
        text = " ".join(rnd.choice(SAYS).format(a=rnd.randint(2, 40), b=rnd.randint(1, 90),
                                                c=rnd.randint(41, 60))
                        for _ in range(rnd.randint(1, 3)))
        line = "- %s. %s\n" % (org, text)
        out.append(line)
        total += len(line.encode())
    out.append("\nPříští jednání v roce 2027: 14. 1.; 11. 3. vždy ve 13:30 v budově radnice.\n\n")
    out.append("Zapsala: %s %s\n" % (rnd.choice(FIRST), rnd.choice(LAST)))
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
