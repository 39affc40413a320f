using NodaTime;
using StarSync.Engine.Astrology.Charts;

namespace StarSync.Engine.Astrology.Transits;

/// <summary>What changed at a transit event.</summary>
public enum TransitKind
{
    /// <summary>The graha entered another sidereal sign; From and To are sign numbers 1–12.</summary>
    Ingress,
    /// <summary>The graha's longitude speed turned from forward to backward (a retrograde station).</summary>
    Retrograde,
    /// <summary>The graha's longitude speed turned from backward to forward (a direct station).</summary>
    Direct,
    /// <summary>The Moon entered another nakshatra; From and To are nakshatra numbers 1–27.</summary>
    Nakshatra,
}

/// <summary>One transit event.</summary>
/// <param name="Graha">The graha that moved.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Instant">When, in UTC, rounded to the second.</param>
/// <param name="From">
/// Ingress: the sign left (1–12). Nakshatra: the nakshatra left (1–27). Stations: the sign (1–12) the graha stands
/// still in, the same as <paramref name="To"/>, so that every event names a place a page can show.
/// </param>
/// <param name="To">Ingress: the sign entered. Nakshatra: the nakshatra entered. Stations: the sign of the station.</param>
public sealed record TransitEvent(Graha Graha, TransitKind Kind, Instant Instant, int From, int To)
{
    /// <summary>English name of <see cref="From"/>: a sign name, or a nakshatra name for <see cref="TransitKind.Nakshatra"/>.</summary>
    public string FromName => NameOf(From);

    /// <summary>English name of <see cref="To"/>: a sign name, or a nakshatra name for <see cref="TransitKind.Nakshatra"/>.</summary>
    public string ToName => NameOf(To);

    private string NameOf(int number) => Kind == TransitKind.Nakshatra ? Nakshatra.Name(number) : Rashi.Name(number);
}
