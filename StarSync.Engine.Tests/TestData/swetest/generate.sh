#!/usr/bin/env bash
# Regenerates reference.csv: sidereal reference positions computed by swetest, the Swiss
# Ephemeris's own command-line program, for the engine's tests. See README.md.
#
# Usage: ./generate.sh            (writes reference.csv next to this script)
# Environment (optional): SWETEST=path/to/swetest  SWE_EPHE_DIR=/usr/share/libswe/ephe
#
# Deterministic: the case list below is fixed; nothing is random at run time.
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
swetest_bin="${SWETEST:-swetest}"
ephe_dir="${SWE_EPHE_DIR:-/usr/share/libswe/ephe}"
out="$here/reference.csv"

command -v "$swetest_bin" >/dev/null || { echo "swetest not found (Debian package 'swetest')" >&2; exit 1; }
[ -f "$ephe_dir/sepl_18.se1" ] && [ -f "$ephe_dir/semo_18.se1" ] \
  || { echo "Swiss Ephemeris files *_18.se1 not found in $ephe_dir (Debian package 'swe-basic-data')" >&2; exit 1; }

version="$("$swetest_bin" -h 2>&1 | sed -n 's/^ *Version: *//p' | head -n1)"
echo "swetest version: ${version:-unknown}; ephemeris files: $ephe_dir" >&2

# Case list: id, UTC instant, latitude (N+), longitude (E+), ayanamsa, node; '#' starts a comment
# (the place name). Cases 1-45 are chosen by hand (J2000, range ends, leap-second boundaries,
# the 2033 switch of swe_utc_to_jd from UTC to UT1, dates 1900-2030); cases 46-109 are spread
# evenly over 1800-2399 (drawn once with a fixed seed, then frozen here).
# Ayanamsa cycles lahiri,lahiri,raman,lahiri,krishnamurti,lahiri,true-chitra; node alternates.
cases() {
  cat <<'CASES'
1 2000-01-01T12:00:00Z   28.6139   77.2090 lahiri       mean # New Delhi
2 2000-01-01T12:00:00Z   19.0760   72.8777 lahiri       true # Mumbai
3 1800-01-01T06:00:00Z   51.5074   -0.1278 raman        mean # London
4 1800-01-02T00:00:00Z   28.6139   77.2090 lahiri       true # New Delhi
5 1800-01-02T12:00:00Z  -33.8688  151.2093 krishnamurti mean # Sydney
6 2399-12-30T00:00:00Z   19.0760   72.8777 lahiri       true # Mumbai
7 2399-12-30T12:00:00Z   40.7128  -74.0060 true-chitra  mean # New York
8 2399-12-31T23:59:59Z   35.6762  139.6503 lahiri       true # Tokyo
9 1869-10-02T02:33:00Z   21.6417   69.6293 lahiri       mean # Porbandar
10 1947-08-14T18:30:00Z   28.6139   77.2090 raman        true # New Delhi
11 1950-01-26T04:30:00Z   28.6139   77.2090 lahiri       mean # New Delhi
12 1971-12-31T23:59:59Z   51.5074   -0.1278 krishnamurti true # London
13 1972-01-01T00:00:00Z   51.5074   -0.1278 lahiri       mean # London
14 2016-12-31T23:59:59Z   19.0760   72.8777 true-chitra  true # Mumbai
15 2017-01-01T00:00:00Z   19.0760   72.8777 lahiri       mean # Mumbai
16 2020-06-01T12:00:00Z   13.0827   80.2707 lahiri       true # Chennai
17 2033-09-16T12:00:00Z   22.5726   88.3639 raman        mean # Kolkata
18 2033-09-17T12:00:00Z   22.5726   88.3639 lahiri       true # Kolkata
19 1900-01-01T00:00:00Z  -33.9249   18.4241 krishnamurti mean # Cape Town
20 1999-12-31T23:59:59Z  -36.8485  174.7633 lahiri       true # Auckland
21 2000-02-29T08:08:08Z  -34.6037  -58.3816 true-chitra  mean # Buenos Aires
22 2024-02-29T06:45:30Z   19.0760   72.8777 lahiri       true # Mumbai
23 2030-12-31T18:00:00Z   61.2181 -149.9003 lahiri       mean # Anchorage
24 2100-03-01T00:00:00Z   21.3069 -157.8583 raman        true # Honolulu
25 1905-03-14T10:20:00Z   55.7558   37.6173 lahiri       mean # Moscow
26 1918-11-11T11:00:00Z   64.1466  -21.9426 krishnamurti true # Reykjavik
27 1925-07-04T16:40:00Z   34.0522 -118.2437 lahiri       mean # Los Angeles
28 1931-09-18T22:10:00Z   39.9042  116.4074 true-chitra  true # Beijing
29 1944-06-06T06:30:00Z  -54.8019  -68.3030 lahiri       mean # Ushuaia
30 1955-04-18T01:15:00Z   -1.2921   36.8219 lahiri       true # Nairobi
31 1966-01-19T07:45:00Z   28.6139   77.2090 raman        mean # New Delhi
32 1977-08-16T21:30:00Z  -12.0464  -77.0428 lahiri       true # Lima
33 1984-06-15T09:15:00Z   22.5726   88.3639 krishnamurti mean # Kolkata
34 1989-11-09T17:53:00Z   66.0000  100.0000 lahiri       true # Siberia
35 1993-03-12T13:27:00Z   19.0760   72.8777 true-chitra  mean # Mumbai
36 2004-12-26T00:58:53Z   -6.2088  106.8456 lahiri       true # Jakarta
37 2008-09-15T14:00:00Z   40.7128  -74.0060 lahiri       mean # New York
38 2012-12-21T11:11:00Z   19.4326  -99.1332 raman        true # Mexico City
39 2015-04-25T06:11:26Z   27.7172   85.3240 lahiri       mean # Kathmandu
40 2019-07-02T19:23:00Z  -60.0000  -30.0000 krishnamurti true # Southern Ocean
41 2022-01-15T04:14:45Z  -13.8333 -171.7667 lahiri       mean # Apia
42 2025-03-29T10:48:00Z   64.8378 -147.7164 true-chitra  true # Fairbanks
43 2026-08-12T17:46:00Z   64.1466  -21.9426 lahiri       mean # Reykjavik
44 2028-07-22T02:56:00Z  -31.9505  115.8605 lahiri       true # Perth
45 1962-02-05T00:00:00Z   -5.0000  180.0000 raman        mean # Date line E
46 1801-12-05T21:30:38Z   64.8378 -147.7164 lahiri       true # Fairbanks
47 1811-11-16T03:11:31Z  -20.1609   57.5012 krishnamurti mean # Port Louis
48 1820-11-11T19:43:17Z  -26.2041   28.0473 lahiri       true # Johannesburg
49 1836-02-02T02:24:10Z  -34.6037  -58.3816 true-chitra  mean # Buenos Aires
50 1840-09-16T15:19:47Z  -43.9535 -176.5597 lahiri       true # Chatham Islands
51 1855-09-16T02:03:03Z  -12.0464  -77.0428 lahiri       mean # Lima
52 1860-02-23T18:04:57Z  -54.4990  158.9380 raman        true # Macquarie
53 1874-09-25T16:15:27Z   22.5726   88.3639 lahiri       mean # Kolkata
54 1876-05-16T09:43:38Z   25.2048   55.2708 krishnamurti true # Dubai
55 1887-01-09T23:30:18Z   28.6139   77.2090 lahiri       mean # New Delhi
56 1896-02-10T17:40:23Z  -54.2811  -36.5092 true-chitra  true # Grytviken
57 1907-03-07T02:16:01Z    6.9271   79.8612 lahiri       mean # Colombo
58 1912-09-02T23:52:45Z    0.0000    0.0000 lahiri       true # Gulf of Guinea
59 1923-10-30T02:51:00Z  -36.8485  174.7633 raman        mean # Auckland
60 1934-10-19T10:42:56Z   34.0522 -118.2437 lahiri       true # Los Angeles
61 1944-07-07T21:54:14Z   13.0827   80.2707 krishnamurti mean # Chennai
62 1956-06-09T03:19:33Z   10.0000 -179.9999 lahiri       true # Date line W
63 1961-03-21T13:12:18Z    6.5244    3.3792 true-chitra  mean # Lagos
64 1971-09-27T19:49:54Z  -31.9505  115.8605 lahiri       true # Perth
65 1986-03-22T00:39:30Z   51.5074   -0.1278 lahiri       mean # London
66 1996-03-08T23:30:07Z  -13.8333 -171.7667 raman        true # Apia
67 1999-01-05T16:57:42Z  -60.0000  -30.0000 lahiri       mean # Southern Ocean
68 2012-07-18T14:40:10Z  -33.8688  151.2093 krishnamurti true # Sydney
69 2022-12-28T09:34:43Z   19.0760   72.8777 lahiri       mean # Mumbai
70 2031-03-09T08:20:27Z   64.1814  -51.6941 true-chitra  true # Nuuk
71 2041-09-24T23:22:57Z   66.0000  100.0000 lahiri       mean # Siberia
72 2047-05-14T16:08:20Z  -23.5505  -46.6333 lahiri       true # Sao Paulo
73 2057-01-26T21:00:27Z   -5.0000  180.0000 raman        mean # Date line E
74 2070-03-13T14:59:28Z   64.1466  -21.9426 lahiri       true # Reykjavik
75 2079-09-05T14:09:31Z   -6.2088  106.8456 krishnamurti mean # Jakarta
76 2082-11-24T15:09:31Z   21.3069 -157.8583 lahiri       true # Honolulu
77 2091-03-27T23:29:29Z  -33.9249   18.4241 true-chitra  mean # Cape Town
78 2106-07-24T14:30:25Z   27.7172   85.3240 lahiri       true # Kathmandu
79 2118-02-20T18:43:18Z   -1.2921   36.8219 lahiri       mean # Nairobi
80 2126-08-10T20:54:42Z  -18.1248  178.4501 raman        true # Suva
81 2131-12-30T01:14:35Z   53.0452  158.6483 lahiri       mean # Petropavlovsk
82 2146-06-13T23:26:18Z   61.2181 -149.9003 krishnamurti true # Anchorage
83 2150-02-02T17:09:12Z  -54.8019  -68.3030 lahiri       mean # Ushuaia
84 2158-03-25T10:25:06Z    1.3521  103.8198 true-chitra  true # Singapore
85 2169-04-02T11:20:17Z   19.4326  -99.1332 lahiri       mean # Mexico City
86 2177-05-16T21:49:21Z   64.7337  177.5089 lahiri       true # Anadyr
87 2190-09-23T13:09:47Z   40.7128  -74.0060 raman        mean # New York
88 2197-05-13T00:27:01Z   35.6762  139.6503 lahiri       true # Tokyo
89 2208-04-11T10:05:44Z   30.0444   31.2357 krishnamurti mean # Cairo
90 2220-04-22T08:23:22Z   39.9042  116.4074 lahiri       true # Beijing
91 2229-05-04T07:15:38Z   55.7558   37.6173 true-chitra  mean # Moscow
92 2237-02-07T05:09:06Z   64.8378 -147.7164 lahiri       true # Fairbanks
93 2245-03-19T05:29:10Z  -20.1609   57.5012 lahiri       mean # Port Louis
94 2253-05-21T17:01:02Z  -26.2041   28.0473 raman        true # Johannesburg
95 2264-08-08T12:46:29Z  -34.6037  -58.3816 lahiri       mean # Buenos Aires
96 2277-01-28T13:06:25Z  -43.9535 -176.5597 krishnamurti true # Chatham Islands
97 2279-12-23T01:40:37Z  -12.0464  -77.0428 lahiri       mean # Lima
98 2295-07-04T04:19:18Z  -54.4990  158.9380 true-chitra  true # Macquarie
99 2299-05-31T09:11:40Z   22.5726   88.3639 lahiri       mean # Kolkata
100 2310-05-21T13:27:08Z   25.2048   55.2708 lahiri       true # Dubai
101 2319-12-24T20:13:06Z   28.6139   77.2090 raman        mean # New Delhi
102 2326-01-12T01:50:11Z  -54.2811  -36.5092 lahiri       true # Grytviken
103 2342-01-01T21:02:29Z    6.9271   79.8612 krishnamurti mean # Colombo
104 2350-09-02T16:47:16Z    0.0000    0.0000 lahiri       true # Gulf of Guinea
105 2355-09-23T05:25:27Z  -36.8485  174.7633 true-chitra  mean # Auckland
106 2363-09-27T19:32:25Z   34.0522 -118.2437 lahiri       true # Los Angeles
107 2372-09-22T17:14:14Z   13.0827   80.2707 lahiri       mean # Chennai
108 2385-12-24T11:27:04Z   10.0000 -179.9999 raman        true # Date line W
109 2394-11-17T17:00:39Z    6.5244    3.3792 lahiri       mean # Lagos
CASES
}

sid_number() {
  case "$1" in
    lahiri) echo 1 ;;          # SE_SIDM_LAHIRI
    raman) echo 3 ;;           # SE_SIDM_RAMAN
    krishnamurti) echo 5 ;;    # SE_SIDM_KRISHNAMURTI
    true-chitra) echo 27 ;;    # SE_SIDM_TRUE_CITRA
    *) echo "unknown ayanamsa '$1'" >&2; return 1 ;;
  esac
}

# Runs swetest; fails on any warning (e.g. a fallback to the Moshier ephemeris) or error.
run_swetest() {
  local text
  text="$("$swetest_bin" "$@" 2>&1)" || { echo "swetest failed: swetest $*" >&2; echo "$text" >&2; return 1; }
  if grep -qiE 'warn|error|moshier|not found|illegal' <<<"$text"; then
    echo "swetest reported a problem: swetest $*" >&2; echo "$text" >&2; return 1
  fi
  printf '%s\n' "$text"
}

tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
echo "case,utc,latitude,longitude,ayanamsa,node,body,lon,lat,speed" >"$tmp"

count=0
while read -r id utc lat lon ayan node _; do
  [[ -z "${id:-}" || "$id" == \#* ]] && continue
  [[ "$utc" =~ ^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$ ]] \
    || { echo "case $id: bad UTC '$utc'" >&2; exit 1; }
  y=$((10#${BASH_REMATCH[1]})); mo=$((10#${BASH_REMATCH[2]})); d=$((10#${BASH_REMATCH[3]}))
  hh=$((10#${BASH_REMATCH[4]})); mi=$((10#${BASH_REMATCH[5]})); ss=$((10#${BASH_REMATCH[6]}))
  sid="$(sid_number "$ayan")"
  case "$node" in mean) nodebody=m ;; true) nodebody=t ;; *) echo "case $id: bad node '$node'" >&2; exit 1 ;; esac

  common=(-b"$d.$mo.$y" -utc"$hh:$mi:$ss" -eswe -edir"$ephe_dir" -fPlbs -ep -head -g';')
  # Sidereal: Sun Moon Mercury Venus Mars Jupiter Saturn, node (m/t), ayanamsa (b), whole-sign
  # houses for the place (only the Ascendant line is used).
  sidereal="$(run_swetest "${common[@]}" -sid"$sid" -p0123456"$nodebody"b -house"$lon,$lat,W")"
  # Tropical Sun, only for the self-check below (sidereal = tropical - ayanamsa).
  tropical="$(run_swetest "${common[@]}" -p0)"

  printf '%s\n%s\n' "$sidereal" "@tropical $tropical" | awk -F';' \
    -v id="$id" -v utc="$utc" -v la="$lat" -v lo="$lon" -v ay="$ayan" -v node="$node" '
    function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
    function num(s) { s = trim(s); if (s ~ /^-0\.0+$/) s = substr(s, 2); return s }
    {
      name = trim($1)
      if (name ~ /^@tropical /) { sub(/^@tropical +/, "", name); if (name == "Sun") trop = num($2) + 0; next }
      map = ""
      if (name ~ /^(Sun|Moon|Mars|Mercury|Jupiter|Venus|Saturn)$/) map = name
      else if (name == node " Node") map = "Rahu"
      else if (name == "Ascendant") map = "Ascendant"
      else if (name == "Ayanamsha") map = "Ayanamsa"
      if (map == "") next
      if (map in L) { print "case " id ": duplicate " map > "/dev/stderr"; exit 2 }
      L[map] = num($2); B[map] = num($3); S[map] = num($4)
    }
    END {
      n = split("Sun,Moon,Mars,Mercury,Jupiter,Venus,Saturn,Rahu,Ascendant,Ayanamsa", order, ",")
      for (i = 1; i <= n; i++) {
        b = order[i]
        if (!(b in L)) { print "case " id ": no " b " in swetest output" > "/dev/stderr"; exit 2 }
        if (L[b] !~ /^-?[0-9]+\.[0-9][0-9][0-9][0-9][0-9][0-9][0-9]+$/) { print "case " id ": " b " lon not decimal: " L[b] > "/dev/stderr"; exit 2 }
        if (b != "Ayanamsa" && (L[b] + 0 < 0 || L[b] + 0 >= 360)) { print "case " id ": " b " lon out of [0,360): " L[b] > "/dev/stderr"; exit 2 }
        if (b == "Ascendant" || b == "Ayanamsa")
          printf "%s,%s,%s,%s,%s,%s,%s,%s,,\n", id, utc, la, lo, ay, node, b, L[b]
        else
          printf "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", id, utc, la, lo, ay, node, b, L[b], B[b], S[b]
      }
      # self-check: sidereal Sun + ayanamsa == tropical (apparent) Sun, modulo 360
      diff = L["Sun"] + L["Ayanamsa"] - trop
      while (diff > 180) diff -= 360
      while (diff < -180) diff += 360
      if (diff < -1e-8 || diff > 1e-8) { print "case " id ": Sun self-check failed, diff " diff > "/dev/stderr"; exit 2 }
    }' >>"$tmp"
  count=$((count + 1))
done < <(cases)

mv "$tmp" "$out"
trap - EXIT
echo "wrote $out: $count cases, $(($(wc -l <"$out") - 1)) rows" >&2
