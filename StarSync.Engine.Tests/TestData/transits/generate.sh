#!/usr/bin/env bash
# Regenerates reference.csv: for each transit event listed below, the sidereal (Lahiri) longitude and speed that
# swetest, the Swiss Ephemeris's own command-line program, prints one minute before and one minute after the
# expected instant. A sign or nakshatra boundary lying between the two longitudes, or a speed changing sign between
# them, confirms the event happens within that two-minute bracket. See README.md.
#
# Usage: ./generate.sh            (writes reference.csv next to this script)
# Environment (optional): SWETEST=path/to/swetest  SWE_EPHE_DIR=/usr/share/libswe/ephe
set -euo pipefail
export LC_ALL=C

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
swetest_bin="${SWETEST:-swetest}"
ephe_dir="${SWE_EPHE_DIR:-/usr/share/libswe/ephe}"
out="$here/reference.csv"

command -v "$swetest_bin" >/dev/null || { echo "swetest not found (Debian package 'swetest')" >&2; exit 1; }

# id, swetest body letter (0 Sun, 1 Moon, 2 Mercury, 5 Jupiter, 6 Saturn, m mean node), expected UTC instant.
events() {
  cat <<'EVENTS'
sun-makara-sankranti 0 2025-01-14T03:25:41Z
sun-mesha-sankranti 0 2025-04-13T21:51:25Z
moon-shravana 1 2025-01-01T18:16:16Z
moon-dhanishta 1 2025-01-02T17:40:44Z
moon-shatabhisha 1 2025-01-03T16:51:58Z
saturn-into-meena 6 2025-03-29T16:15:09Z
jupiter-into-mithuna 5 2025-05-14T17:06:47Z
rahu-mean-into-kumbha m 2025-05-18T14:04:33Z
mercury-retrograde-1 2 2025-03-15T06:46:08Z
mercury-direct-1 2 2025-04-07T11:08:05Z
mercury-retrograde-2 2 2025-07-18T04:44:26Z
mercury-direct-2 2 2025-08-11T07:30:01Z
mercury-retrograde-3 2 2025-11-09T19:00:56Z
mercury-direct-3 2 2025-11-29T17:38:35Z
mercury-triple-1 2 2025-10-24T07:03:30Z
mercury-triple-2 2 2025-11-23T14:37:00Z
mercury-triple-3 2 2025-12-06T15:15:25Z
EVENTS
}

echo "id,body,expected_utc,longitude_minute_before,speed_minute_before,longitude_minute_after,speed_minute_after" > "$out"
events | while read -r id body utc; do
  start="$(date -u -d "${utc/T/ } - 1 minute" +'%d.%m.%Y %H:%M:%S')"
  # -n2 -s2m: two instants two minutes apart, from one minute before the expected instant.
  rows="$("$swetest_bin" "-b${start% *}" "-utc${start#* }" "-p$body" -sid1 -fls -head -n2 -s2m -eswe "-edir$ephe_dir")"
  before="$(echo "$rows" | sed -n 1p | awk '{print $1 "," $2}')"
  after="$(echo "$rows" | sed -n 2p | awk '{print $1 "," $2}')"
  echo "$id,$body,$utc,$before,$after" >> "$out"
done
echo "wrote $out" >&2
