using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;

namespace StarSync.Engine.Astrology.Panchang;

/// <summary>The four moving limbs of the panchang and how each is measured from the Sun and the Moon.</summary>
public enum PanchangLimb
{
    /// <summary>Moon − Sun in units of 12°: 30 per lunar month.</summary>
    Tithi,
    /// <summary>The Moon's sidereal longitude in units of 13°20′.</summary>
    Nakshatra,
    /// <summary>Sun + Moon (sidereal) in units of 13°20′.</summary>
    Yoga,
    /// <summary>Moon − Sun in units of 6°: half a tithi.</summary>
    Karana,
}

/// <summary>One element of the panchang: its number and name, the bright or dark half for tithis, and when it ends (UT1 Julian day).</summary>
public readonly record struct LimbAt(PanchangLimb Limb, int Number, double EndJulianDayUt);

/// <summary>
/// Finds the panchang elements running at an instant and their end instants, by Newton steps on the Sun and the
/// Moon's sidereal longitudes (both always move forward in these combinations).
/// </summary>
public static class PanchangElements
{
    private const double Precision = 1e-7; // degrees: well under a second of time for the Moon

    public static (double Unit, int Count) Measure(PanchangLimb limb) => limb switch
    {
        PanchangLimb.Tithi => (12.0, 30),
        PanchangLimb.Nakshatra => (Nakshatra.Span, 27),
        PanchangLimb.Yoga => (Nakshatra.Span, 27),
        PanchangLimb.Karana => (6.0, 60),
        _ => throw new ArgumentOutOfRangeException(nameof(limb)),
    };

    /// <summary>The element of <paramref name="limb"/> running at <paramref name="julianDayUt"/>, with its end.</summary>
    public static LimbAt At(EphemerisContext context, PanchangLimb limb, double julianDayUt, SiderealMode mode)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (unit, count) = Measure(limb);
        var (angle, _) = AngleAndRate(context, limb, julianDayUt, mode);
        var index = Math.Min(count - 1, (int)(angle / unit));
        var boundary = (index + 1) * unit;
        return new LimbAt(limb, index + 1, Crossing(context, limb, julianDayUt, boundary % 360.0, mode));
    }

    /// <summary>The first instant after <paramref name="fromJulianDayUt"/> when the limb's angle reaches <paramref name="target"/> degrees.</summary>
    public static double Crossing(EphemerisContext context, PanchangLimb limb, double fromJulianDayUt, double target, SiderealMode mode)
    {
        ArgumentNullException.ThrowIfNull(context);
        var t = fromJulianDayUt;
        for (var i = 0; i < 30; i++)
        {
            var (angle, rate) = AngleAndRate(context, limb, t, mode);
            var delta = Angle.Normalize(target - angle);
            if (i > 0 && delta > 180)
            {
                // Overshot the boundary by a hair: step back.
                delta -= 360;
            }

            if (Math.Abs(delta) < Precision)
            {
                return t;
            }

            t += delta / rate;
        }

        return t;
    }

    private static (double Angle, double Rate) AngleAndRate(EphemerisContext context, PanchangLimb limb, double julianDayUt, SiderealMode mode)
    {
        var moon = context.Sidereal(julianDayUt, SwissEphemeris.Body.Moon, mode);
        if (limb == PanchangLimb.Nakshatra)
        {
            return (moon.Longitude, moon.Speed);
        }

        var sun = context.Sidereal(julianDayUt, SwissEphemeris.Body.Sun, mode);
        return limb == PanchangLimb.Yoga
            ? (Angle.Normalize(moon.Longitude + sun.Longitude), moon.Speed + sun.Speed)
            : (Angle.Normalize(moon.Longitude - sun.Longitude), moon.Speed - sun.Speed);
    }

    /// <summary>Name of element <paramref name="number"/> of <paramref name="limb"/>.</summary>
    public static string Name(PanchangLimb limb, int number) => limb switch
    {
        PanchangLimb.Tithi => PanchangNames.Tithi(number),
        PanchangLimb.Nakshatra => Nakshatra.Name(number),
        PanchangLimb.Yoga => PanchangNames.Yoga(number),
        PanchangLimb.Karana => PanchangNames.Karana(number),
        _ => throw new ArgumentOutOfRangeException(nameof(limb)),
    };
}
