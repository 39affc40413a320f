using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;

namespace StarSync.Engine.Astrology.Transits;

/// <summary>
/// Finds sign ingresses of the nine grahas, retrograde and direct stations of the five star planets, and the Moon's
/// nakshatra changes within a UTC range.
/// </summary>
/// <remarks>
/// Each graha's sidereal longitude is sampled at a step short enough that it cannot cross a boundary and come back
/// between two samples; the samples are then split at every zero of the speed (a station), so that the longitude is
/// monotonic between consecutive points. Every boundary between two points is crossed exactly once there and is
/// refined by bisection. A planet that crosses a sign boundary, turns, crosses back and turns again is therefore
/// reported with all three crossings. Pure: the same range and settings always give the same list.
/// </remarks>
public sealed class TransitFinder(SwissEphemeris ephemeris)
{
    /// <summary>Bisection stops when the bracket is this short, in days (about 0.09 s).</summary>
    private const double CrossingTolerance = 1e-6;

    /// <summary>Station bisection stops when the bracket is this short, in days (about 0.9 s).</summary>
    private const double StationTolerance = 1e-5;

    private const double SignSpan = 30.0;

    /// <summary>The grahas whose stations are reported (the Sun and Moon never turn; the nodes' turns are not stations).</summary>
    private static readonly Graha[] StationingGrahas = [Graha.Mercury, Graha.Venus, Graha.Mars, Graha.Jupiter, Graha.Saturn];

    /// <summary>Lists the events with <paramref name="from"/> ≤ instant &lt; <paramref name="to"/>, sorted by instant.</summary>
    /// <param name="from">Start of the range (inclusive), UTC.</param>
    /// <param name="to">End of the range (exclusive), UTC.</param>
    /// <param name="settings">Ayanamsa and node kind; the other settings do not matter here. Null for the defaults.</param>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    /// <exception cref="EphemerisCalculationException">The range is outside the ephemeris files (1800–2399).</exception>
    public IReadOnlyList<TransitEvent> Find(Instant from, Instant to, ChartSettings? settings = null) =>
        ephemeris.Run(context => Find(context, from, to, settings ?? ChartSettings.Default));

    /// <summary>As <see cref="Find(Instant, Instant, ChartSettings)"/>, on an ephemeris thread already held.</summary>
    public static IReadOnlyList<TransitEvent> Find(EphemerisContext context, Instant from, Instant to, ChartSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        if (to < from)
        {
            throw new ArgumentException($"The range ends ({to}) before it starts ({from}).", nameof(to));
        }

        var events = new List<TransitEvent>();
        if (to == from)
        {
            return events;
        }

        var start = KundliCalculator.JulianDay(context, from);
        var end = KundliCalculator.JulianDay(context, to);
        foreach (var graha in Grahas.All)
        {
            var track = new Track(context, graha, settings);
            var points = Points(track, start, end, StationingGrahas.Contains(graha) ? events : null);
            Crossings(track, points, SignSpan, TransitKind.Ingress, events);
            if (graha == Graha.Moon)
            {
                Crossings(track, points, Charts.Nakshatra.Span, TransitKind.Nakshatra, events);
            }
        }

        return events
            .Where(e => e.Instant >= from && e.Instant < to)
            .OrderBy(e => e.Instant)
            .ThenBy(e => e.Graha)
            .ThenBy(e => e.Kind)
            .ToList();
    }

    /// <summary>
    /// Sample points from <paramref name="start"/> to <paramref name="end"/> (both included), with every station between
    /// them inserted; stations of the planets that have them are added to <paramref name="stations"/> when given.
    /// </summary>
    private static List<Sample> Points(Track track, double start, double end, List<TransitEvent>? stations)
    {
        var step = SampleStep(track.Graha, track.Settings.Node);
        var points = new List<Sample> { track.At(start) };
        for (var i = 1; ; i++)
        {
            var t = Math.Min(end, start + i * step);
            var next = track.At(t);
            var previous = points[^1];
            if (Math.Sign(previous.Speed) != Math.Sign(next.Speed) && previous.Speed != 0 && next.Speed != 0)
            {
                var station = Station(track, previous, next);
                points.Add(station);
                if (stations is not null)
                {
                    var sign = Rashi.FromLongitude(station.Longitude);
                    var kind = next.Speed < 0 ? TransitKind.Retrograde : TransitKind.Direct;
                    stations.Add(new TransitEvent(track.Graha, kind, KundliCalculator.ToInstant(track.Context, station.JulianDay), sign, sign));
                }
            }

            points.Add(next);
            if (t >= end)
            {
                return points;
            }
        }
    }

    /// <summary>
    /// Days between samples: short enough that no graha turns twice, or crosses a boundary and comes back, between
    /// two samples (stations are weeks apart; the true node wobbles within days, so it gets the shortest step).
    /// </summary>
    private static double SampleStep(Graha graha, NodeKind node) => graha switch
    {
        Graha.Moon => 0.25,
        Graha.Sun or Graha.Mercury or Graha.Venus or Graha.Mars => 1.0,
        Graha.Jupiter or Graha.Saturn => 2.0,
        _ => node == NodeKind.True ? 0.5 : 2.0,
    };

    /// <summary>Bisects the zero of the speed between two samples whose speeds differ in sign.</summary>
    private static Sample Station(Track track, Sample before, Sample after)
    {
        var (low, high) = (before, after);
        while (high.JulianDay - low.JulianDay > StationTolerance)
        {
            var middle = track.At((low.JulianDay + high.JulianDay) / 2);
            if (Math.Sign(middle.Speed) == Math.Sign(low.Speed))
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return track.At((low.JulianDay + high.JulianDay) / 2);
    }

    /// <summary>Adds every crossing of a multiple of <paramref name="span"/> degrees between consecutive points.</summary>
    private static void Crossings(Track track, List<Sample> points, double span, TransitKind kind, List<TransitEvent> events)
    {
        var count = (int)Math.Round(360.0 / span);
        for (var i = 1; i < points.Count; i++)
        {
            var a = points[i - 1];
            var b = points[i];

            // Unwrapped: the motion between two points is far less than 180°, so the shorter way round is the way taken.
            var startLongitude = a.Longitude;
            var endLongitude = startLongitude + SignedDifference(b.Longitude, a.Longitude);
            var startIndex = (int)Math.Floor(startLongitude / span);
            var endIndex = (int)Math.Floor(endLongitude / span);
            if (startIndex == endIndex)
            {
                continue;
            }

            var forward = endIndex > startIndex;
            for (var index = startIndex; index != endIndex; index += forward ? 1 : -1)
            {
                var boundary = (forward ? index + 1 : index) * span;
                var when = Crossing(track, a, b, startLongitude, boundary);
                var left = Wrap(index, count);
                var entered = Wrap(forward ? index + 1 : index - 1, count);
                events.Add(new TransitEvent(track.Graha, kind, KundliCalculator.ToInstant(track.Context, when), left + 1, entered + 1));
            }
        }
    }

    /// <summary>Bisects the instant the longitude reaches <paramref name="boundary"/> (unwrapped, degrees) between two points.</summary>
    private static double Crossing(Track track, Sample a, Sample b, double startLongitude, double boundary)
    {
        double Offset(double julianDay) => startLongitude + SignedDifference(track.At(julianDay).Longitude, a.Longitude) - boundary;

        var (low, high) = (a.JulianDay, b.JulianDay);
        var lowSign = Math.Sign(startLongitude - boundary);
        while (high - low > CrossingTolerance)
        {
            var middle = (low + high) / 2;
            if (Math.Sign(Offset(middle)) == lowSign)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    private static int Wrap(int index, int count) => ((index % count) + count) % count;

    /// <summary><paramref name="to"/> − <paramref name="from"/> in (−180°, 180°].</summary>
    private static double SignedDifference(double to, double from)
    {
        var d = Angle.Normalize(to - from);
        return d > 180 ? d - 360 : d;
    }

    /// <summary>A graha's sidereal longitude (degrees) and speed (degrees per day) at a UT1 Julian day.</summary>
    private readonly record struct Sample(double JulianDay, double Longitude, double Speed);

    /// <summary>Where one graha is, under one set of settings.</summary>
    private sealed class Track(EphemerisContext context, Graha graha, ChartSettings settings)
    {
        public EphemerisContext Context => context;

        public Graha Graha => graha;

        public ChartSettings Settings => settings;

        public Sample At(double julianDay)
        {
            var position = context.Sidereal(julianDay, Body(graha, settings.Node), settings.Ayanamsa);
            var longitude = graha == Graha.Ketu ? Angle.Normalize(position.Longitude + 180) : position.Longitude;
            return new Sample(julianDay, longitude, position.Speed);
        }

        private static SwissEphemeris.Body Body(Graha graha, NodeKind node) => graha switch
        {
            Graha.Sun => SwissEphemeris.Body.Sun,
            Graha.Moon => SwissEphemeris.Body.Moon,
            Graha.Mars => SwissEphemeris.Body.Mars,
            Graha.Mercury => SwissEphemeris.Body.Mercury,
            Graha.Jupiter => SwissEphemeris.Body.Jupiter,
            Graha.Venus => SwissEphemeris.Body.Venus,
            Graha.Saturn => SwissEphemeris.Body.Saturn,
            _ => node == NodeKind.True ? SwissEphemeris.Body.TrueNode : SwissEphemeris.Body.MeanNode,
        };
    }
}
