using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using StarSync.Engine.Astrology.Horoscope;
using StarSync.Engine.Storage.Lite;
using StarSync.Web.Horoscope;

namespace StarSync.Web.Tests.Components.Horoscope;

/// <summary>The precompute job on a fixed clock, the real engine and a LiteDB file.</summary>
[Collection(SharedKundliEngine.Name)]
public sealed class HoroscopePrecomputeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "starsync-tests", Guid.NewGuid().ToString("N"));
    private readonly LiteStore _lite;
    private readonly LiteHoroscopeStore _store;
    private readonly HoroscopePrecompute _job;

    public HoroscopePrecomputeTests(KundliEngineFixture engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _lite = new LiteStore(_folder);
        // 18:00 UTC on 20 March 2024 is 23:30 in New Delhi: still the 20th there.
        var clock = new FixedClock(new DateTimeOffset(2024, 3, 20, 18, 0, 0, TimeSpan.Zero));
        _store = new LiteHoroscopeStore(_lite, clock);
        _job = new HoroscopePrecompute(new DailyHoroscopes(_store, engine.Ephemeris, engine.Calculator, clock), clock, NullLogger<HoroscopePrecompute>.Instance);
    }

    public void Dispose()
    {
        _job.Dispose();
        _lite.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task One_run_stores_two_days_back_to_a_week_ahead_and_a_second_run_writes_nothing()
    {
        Assert.Equal(10 * 12, await _job.RunOnceAsync());

        for (var day = new LocalDate(2024, 3, 18); day <= new LocalDate(2024, 3, 27); day = day.PlusDays(1))
        {
            Assert.Equal(12, (await _store.SignsStoredAsync(day, HoroscopeRules.Version)).Count);
        }

        Assert.Empty(await _store.SignsStoredAsync(new LocalDate(2024, 3, 28), HoroscopeRules.Version));
        Assert.Equal(0, await _job.RunOnceAsync());
    }

    [Fact]
    public void The_next_run_is_five_minutes_after_New_Delhi_midnight()
    {
        // Midnight in New Delhi is 18:30 UTC; 18:35 is 35 minutes after the clock's 18:00.
        Assert.Equal(TimeSpan.FromMinutes(35), _job.UntilNextRun());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
