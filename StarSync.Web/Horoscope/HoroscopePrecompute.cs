using NodaTime;

namespace StarSync.Web.Horoscope;

/// <summary>
/// Computes the coming days' horoscopes ahead and stores them, so that a page view is a lookup: at start-up, then
/// shortly after every midnight at New Delhi. The window runs from two days before today (New Delhi) to seven days
/// after, which covers "yesterday" for a reader twelve hours behind and "tomorrow" for one fourteen hours ahead.
/// Days already stored under the current rules are skipped, so a restart costs a few lookups.
/// </summary>
public sealed class HoroscopePrecompute(DailyHoroscopes horoscopes, TimeProvider clock, ILogger<HoroscopePrecompute> logger) : BackgroundService
{
    /// <summary>First day of the window, relative to today at New Delhi.</summary>
    public const int DaysBefore = 2;

    /// <summary>Last day of the window, relative to today at New Delhi.</summary>
    public const int DaysAhead = 7;

    /// <summary>How long after New Delhi's midnight the daily run starts.</summary>
    public static readonly Duration AfterMidnight = Duration.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Computing the coming days' horoscopes failed; pages compute them on demand until the next run.");
            }

            await Task.Delay(UntilNextRun(), clock, stoppingToken);
        }
    }

    /// <summary>Stores the window's missing readings and purges old ones; returns how many readings were written.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var today = horoscopes.Today;
        var written = 0;
        for (var offset = -DaysBefore; offset <= DaysAhead; offset++)
        {
            written += await horoscopes.EnsureStoredAsync(today.PlusDays(offset), cancellationToken);
        }

        var purged = await horoscopes.PurgeOldAsync(cancellationToken);
        if (written > 0 || purged > 0)
        {
            logger.LogInformation("Horoscopes: stored {Written} readings for {From} to {To}; purged {Purged} old ones.",
                written, today.PlusDays(-DaysBefore), today.PlusDays(DaysAhead), purged);
        }

        return written;
    }

    /// <summary>The time from now to the next run: a few minutes after the coming midnight at New Delhi.</summary>
    public TimeSpan UntilNextRun()
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var zone = Engine.Astrology.Horoscope.DailySkyCalculator.Zone;
        var next = now.InZone(zone).Date.PlusDays(1).AtStartOfDayInZone(zone).ToInstant() + AfterMidnight;
        return (next - now).ToTimeSpan();
    }
}
