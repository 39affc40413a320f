using NodaTime;
using StarSync.Engine.Astrology.Horoscope;

namespace StarSync.Engine.Tests.Storage;

/// <summary>The horoscope store's contract. Each test uses its own dates, so tests sharing a database never meet.</summary>
public abstract partial class StorageContractTests
{
    private static DailyHoroscope Reading(int sign, LocalDate date, int version = HoroscopeRules.Version, string text = "A steady day.") => new(
        sign,
        date,
        new HoroscopeScores(2, 3, 4, 5),
        "A steady day.",
        text,
        [
            new HoroscopeReason(HoroscopeArea.General, "The Moon in the 10th favours work.", "Moon in Capricorn, the 10th from Aries (favourable)"),
            new HoroscopeReason(HoroscopeArea.Money, "Jupiter brings growth.", "Jupiter in Aquarius, the 11th from Aries (favourable; no vedha: nothing in the 8th)"),
        ],
        1,
        version);

    [SkippableFact]
    public async Task A_stored_horoscope_reads_back_field_for_field_and_an_upsert_replaces_it()
    {
        var date = new LocalDate(2101, 1, 1);
        Assert.Null(await Ports.Horoscopes.FindAsync(3, date));

        var first = Reading(3, date, text: "First text.");
        await Ports.Horoscopes.UpsertAsync(first);
        var stored = await Ports.Horoscopes.FindAsync(3, date);
        Assert.NotNull(stored);
        Assert.Equal(first with { Reasons = [] }, stored with { Reasons = [] });
        Assert.Equal(first.Reasons, stored.Reasons);

        await Ports.Horoscopes.UpsertAsync(Reading(3, date, text: "Second text."));
        Assert.Equal("Second text.", (await Ports.Horoscopes.FindAsync(3, date))?.Text);
        Assert.Null(await Ports.Horoscopes.FindAsync(4, date));
        Assert.Null(await Ports.Horoscopes.FindAsync(3, date.PlusDays(1)));
    }

    [SkippableFact]
    public async Task Signs_stored_counts_only_that_date_and_rules_version()
    {
        var date = new LocalDate(2102, 2, 2);
        await Ports.Horoscopes.UpsertAsync(Reading(1, date));
        await Ports.Horoscopes.UpsertAsync(Reading(12, date));
        await Ports.Horoscopes.UpsertAsync(Reading(5, date, version: HoroscopeRules.Version - 1));
        await Ports.Horoscopes.UpsertAsync(Reading(2, date.PlusDays(1)));

        Assert.Equal(new HashSet<int> { 1, 12 }, (await Ports.Horoscopes.SignsStoredAsync(date, HoroscopeRules.Version)).ToHashSet());
        Assert.Equal(new HashSet<int> { 5 }, (await Ports.Horoscopes.SignsStoredAsync(date, HoroscopeRules.Version - 1)).ToHashSet());
    }

    [SkippableFact]
    public async Task Purging_removes_only_dates_before_the_cut()
    {
        // The earliest supported dates, which no other test uses.
        var cut = new LocalDate(1800, 1, 10);
        await Ports.Horoscopes.UpsertAsync(Reading(1, cut.PlusDays(-9)));
        await Ports.Horoscopes.UpsertAsync(Reading(2, cut.PlusDays(-1)));
        await Ports.Horoscopes.UpsertAsync(Reading(3, cut));

        Assert.Equal(2, await Ports.Horoscopes.PurgeBeforeAsync(cut));
        Assert.Null(await Ports.Horoscopes.FindAsync(2, cut.PlusDays(-1)));
        Assert.NotNull(await Ports.Horoscopes.FindAsync(3, cut));
    }

    [SkippableFact]
    public async Task Concurrent_upserts_of_one_key_leave_one_whole_reading()
    {
        var date = new LocalDate(2103, 3, 3);

        Concurrently.Run(8, async i =>
        {
            await Ports.Horoscopes.UpsertAsync(Reading(7, date, text: $"Text {i}."));
            return i;
        });

        var stored = await Ports.Horoscopes.FindAsync(7, date);
        Assert.NotNull(stored);
        Assert.Matches(@"^Text \d\.$", stored.Text);
        Assert.Equal(2, stored.Reasons.Count);
        Assert.Equal(new HashSet<int> { 7 }, (await Ports.Horoscopes.SignsStoredAsync(date, HoroscopeRules.Version)).ToHashSet());
    }

    [SkippableFact]
    public async Task A_sign_outside_one_to_twelve_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Ports.Horoscopes.UpsertAsync(Reading(13, new LocalDate(2104, 4, 4))));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Ports.Horoscopes.UpsertAsync(Reading(0, new LocalDate(2104, 4, 4))));
    }
}
