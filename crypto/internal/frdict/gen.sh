#!/usr/bin/env bash
# Regenerates words.txt, firstnames.txt and cities.txt from their sources
# (see README.md for where to get them and their licences). calendar.txt and
# azerty.txt are written by hand. Needs awk, and Rscript (Debian's
# r-base-core) for the first names, which are published as R data.
# Usage: gen.sh fr_50k.txt prenoms_france.rda communes.csv
set -euo pipefail
cd "$(dirname "$0")"
words=$1 names=$2 communes=$3

# Words: the 20,000 most frequent tokens of French subtitles, letters only
# (elisions such as "c'" and tokens with digits dropped), at least 2 letters.
{
  echo "# The 20,000 most frequent French words of OpenSubtitles 2018, most frequent first."
  echo "# Source: hermitdave/FrequencyWords, content/2018/fr/fr_50k.txt (CC BY-SA 4.0)."
  LC_ALL=C.UTF-8 awk '{print $1}' "$words" |
    LC_ALL=C.UTF-8 grep -E "^[a-zàâäçéèêëîïôöùûüÿœæ]([a-zàâäçéèêëîïôöùûüÿœæ'-]*[a-zàâäçéèêëîïôöùûüÿœæ])?$" |
    awk 'length($0) >= 2 && n++ < 20000'
} >words.txt

# First names: the 3,000 most given in France to children born 1940-2021.
{
  echo "# The 3,000 first names most given in France to children born 1940-2021, most given first."
  echo "# Source: INSEE, Fichier des prénoms, édition 2022 (Licence Ouverte 2.0)."
  Rscript -e 'load(commandArgs(TRUE)[1]); p <- prenoms_france[prenoms_france$year >= 1940, ];
    a <- aggregate(n ~ name, data = p, sum); a <- a[order(-a$n, a$name), ];
    writeLines(tolower(head(a$name, 3000)))' "$names"
} >firstnames.txt

# Cities: the 1,000 most populous communes (Paris, Lyon and Marseille as the
# sum of their arrondissements).
{
  echo "# The 1,000 most populous French communes (population municipale 2021), most populous first."
  echo "# Source: INSEE, Code officiel géographique 2024 and populations légales 2021 (Licence Ouverte 2.0)."
  LC_ALL=C.UTF-8 awk -F, 'NR > 1 && !seen[$1]++ {
      if ($7 == "COM" && $12 != "") pop[$5] = $12
      if ($7 == "ARM") { n = $5; sub(/ [0-9].*/, "", n); pop[n] += $12 }
    }
    END { for (n in pop) printf "%d\t%s\n", pop[n], n }' "$communes" |
    sort -t$'\t' -k1,1nr -k2,2 | awk -F'\t' 'NR <= 1000 {print $2}' | LC_ALL=C.UTF-8 sed 's/.*/\L&/'
} >cities.txt
wc -l words.txt firstnames.txt cities.txt
