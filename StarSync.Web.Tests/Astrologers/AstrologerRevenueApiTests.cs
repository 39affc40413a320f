using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Engine.Accounts;
using StarSync.Engine.Consultations;
using StarSync.Engine.Storage;
using StarSync.Engine.Storage.Lite;
using StarSync.Engine.Wallet;
using StarSync.Web.Astrologers;
using StarSync.Web.Consultations;
using StarSync.Web.Hosting;
using StarSync.Web.Tests.Consultations;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Astrologers;

/// <summary>
/// The real app whose money runs on a manual clock: the ledger and consultation store stamp their writes with it, and
/// the consultation service, billing loop and revenue read it. Sign-in keeps real time (tokens must stay valid).
/// </summary>
public sealed class RevenueHostFactory : StarSyncAppFactory
{
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            // Over the app's own LiteDB file: the ledger's lock and entry numbering live in the shared LiteStore.
            services.AddSingleton<ILedgerStore>(sp => new LiteLedgerStore(sp.GetRequiredService<StorageSetup>().Lite!, Clock));
            services.AddSingleton<IConsultationStore>(sp => new LiteConsultationStore(sp.GetRequiredService<StorageSetup>().Lite!, Clock));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ConsultationService>(sp, (TimeProvider)Clock));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ConsultationBilling>(sp, (TimeProvider)Clock));
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AstrologerRevenue>(sp, (TimeProvider)Clock));
        });
    }
}

public sealed class RevenueHostFixture : IDisposable
{
    public RevenueHostFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}

/// <summary>
/// <c>GET /api/v1/astrologer/stats</c> over consultations taken and billed through the real services: rate ₹10 a minute,
/// 30 % commission, so each kept minute earns the astrologer 700 paise and the platform 300.
/// </summary>
public sealed class AstrologerRevenueApiTests(RevenueHostFixture host) : IClassFixture<RevenueHostFixture>
{
    private readonly ConsultationApiParties _p = new(host.Factory);

    private ManualClock Clock => host.Factory.Clock;

    private static Uri Url(string path) => ConsultationApiParties.Url(path);

    /// <summary>Requests and accepts at the clock's time (minute 1 billed), optionally with the astrologer's first message.</summary>
    private async Task<string> StartAsync((string Id, HttpClient Client) astrologer, bool astrologerWrites)
    {
        var user = await _p.UserAsync(20_000);
        var id = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;
        await ConsultationApiParties.ActOkAsync(astrologer.Client, id, "accept");
        if (astrologerWrites)
        {
            await _p.Service<ConsultationService>().MessageSentAsync(id, astrologer.Id);
        }

        return id;
    }

    private async Task TickAtAsync(DateTimeOffset at)
    {
        Clock.Set(at);
        await _p.Service<ConsultationBilling>().TickAsync();
    }

    private static async Task<JsonElement> StatsOkAsync(HttpClient astrologer, string query = "")
    {
        using var response = await astrologer.GetAsync(Url("/api/v1/astrologer/stats" + query));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static (long Earnings, long Commission, int Minutes, int Consultations, long Unpaid) Totals(JsonElement stats) => (
        stats.GetProperty("earnings").GetInt64(), stats.GetProperty("commission").GetInt64(), stats.GetProperty("minutes").GetInt32(),
        stats.GetProperty("consultations").GetInt32(), stats.GetProperty("unpaid").GetInt64());

    private static List<(string Date, long Earnings, int Minutes)> Daily(JsonElement stats) =>
        [.. stats.GetProperty("daily").EnumerateArray().Select(d => (d.GetProperty("date").GetString()!, d.GetProperty("earnings").GetInt64(), d.GetProperty("minutes").GetInt32()))];

    [Fact]
    public async Task Minutes_fall_on_the_astrologers_own_day_and_a_refunded_first_minute_counts_for_nothing()
    {
        var astrologer = await _p.AstrologerAsync(rate: 1_000);

        // 18:00 UTC on 10 March is 23:30 in India: three kept minutes (23:30, 23:31, 23:32).
        Clock.Set(new DateTimeOffset(2026, 3, 10, 18, 0, 0, TimeSpan.Zero));
        var late = await StartAsync(astrologer, astrologerWrites: true);
        await TickAtAsync(new DateTimeOffset(2026, 3, 10, 18, 1, 0, TimeSpan.Zero));
        await TickAtAsync(new DateTimeOffset(2026, 3, 10, 18, 2, 0, TimeSpan.Zero));
        Clock.Set(new DateTimeOffset(2026, 3, 10, 18, 2, 30, TimeSpan.Zero));
        await ConsultationApiParties.ActOkAsync(astrologer.Client, late, "end");

        // 19:00 UTC is 00:30 on 11 March in India. The astrologer never writes in minute 1, so it is refunded when
        // minute 2 starts; minute 2 stands.
        Clock.Set(new DateTimeOffset(2026, 3, 10, 19, 0, 0, TimeSpan.Zero));
        var silent = await StartAsync(astrologer, astrologerWrites: false);
        await TickAtAsync(new DateTimeOffset(2026, 3, 10, 19, 1, 0, TimeSpan.Zero));
        Clock.Set(new DateTimeOffset(2026, 3, 10, 19, 1, 30, TimeSpan.Zero));
        var ended = await ConsultationApiParties.ActOkAsync(astrologer.Client, silent, "end");
        Assert.Equal(2, ended.GetProperty("billedMinutes").GetInt32());
        Assert.Equal(1_000, ended.GetProperty("refunded").GetInt64());

        var both = await StatsOkAsync(astrologer.Client, "?from=2026-03-10&to=2026-03-11");
        Assert.Equal((2_800L, 1_200L, 4, 2, 2_800L), Totals(both));
        Assert.Equal([("2026-03-10", 2_100L, 3), ("2026-03-11", 700L, 1)], Daily(both));
        Assert.Equal("Asia/Kolkata", both.GetProperty("timeZone").GetString());
        Assert.Equal("INR", both.GetProperty("currency").GetString());

        var secondDay = await StatsOkAsync(astrologer.Client, "?from=2026-03-11&to=2026-03-11");
        Assert.Equal((700L, 300L, 1, 1, 2_800L), Totals(secondDay));

        // Without a range: the 30 days that end today in India (00:31 on 11 March).
        var recent = await StatsOkAsync(astrologer.Client);
        var days = Daily(recent);
        Assert.Equal(30, days.Count);
        Assert.Equal(("2026-02-10", "2026-03-11"), (days[0].Date, days[^1].Date));
        Assert.Equal(2_800, recent.GetProperty("earnings").GetInt64());
        Assert.Equal(28, days.Count(d => d.Earnings == 0 && d.Minutes == 0));

        // A payout lowers what is unpaid, not what was earned.
        var payout = await _p.Service<ILedgerStore>().PostAsync(AstrologerPayouts.Posting(astrologer.Id, 1_000, "UTR-REV-1", "admin-1"));
        Assert.Equal(PostingOutcome.Posted, payout.Outcome);
        Assert.Equal((2_800L, 1_200L, 4, 2, 1_800L), Totals(await StatsOkAsync(astrologer.Client, "?from=2026-03-10&to=2026-03-11")));

        // In London (UTC in March) both consultations are on 10 March.
        Assert.True(await _p.Service<IAccountStore>().UpdateTimeZoneAsync(astrologer.Id, "Europe/London"));
        var london = await StatsOkAsync(astrologer.Client, "?from=2026-03-10&to=2026-03-11");
        Assert.Equal([("2026-03-10", 2_800L, 4), ("2026-03-11", 0L, 0)], Daily(london));
        Assert.Equal((2_800L, 1_200L, 4, 2, 1_800L), Totals(london));
        Assert.Equal("Europe/London", london.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task An_astrologer_sees_only_their_own_figures()
    {
        var earner = await _p.AstrologerAsync(rate: 2_000);
        var other = await _p.AstrologerAsync(rate: 2_000);
        Clock.Set(new DateTimeOffset(2026, 4, 2, 6, 0, 0, TimeSpan.Zero));
        var id = await StartAsync(earner, astrologerWrites: true);
        await TickAtAsync(new DateTimeOffset(2026, 4, 2, 6, 1, 0, TimeSpan.Zero));
        Clock.Set(new DateTimeOffset(2026, 4, 2, 6, 1, 30, TimeSpan.Zero));
        await ConsultationApiParties.ActOkAsync(earner.Client, id, "end");

        Assert.Equal((2_800L, 1_200L, 2, 1, 2_800L), Totals(await StatsOkAsync(earner.Client, "?from=2026-04-02&to=2026-04-02")));
        Assert.Equal((0L, 0L, 0, 0, 0L), Totals(await StatsOkAsync(other.Client, "?from=2026-04-02&to=2026-04-02")));
    }

    [Fact]
    public async Task A_new_astrologer_gets_every_day_of_the_range_with_zeros()
    {
        var astrologer = await _p.AstrologerAsync();
        Clock.Set(new DateTimeOffset(2026, 5, 20, 12, 0, 0, TimeSpan.Zero));

        var stats = await StatsOkAsync(astrologer.Client, "?from=2025-05-20&to=2026-05-20");

        Assert.Equal((0L, 0L, 0, 0, 0L), Totals(stats));
        var days = Daily(stats);
        Assert.Equal(366, days.Count);
        Assert.Equal(("2025-05-20", "2026-05-20"), (days[0].Date, days[^1].Date));
        Assert.All(days, d => Assert.Equal((0L, 0), (d.Earnings, d.Minutes)));
    }

    [Theory]
    [InlineData("?from=2026-13-01", "from")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?to=2026-02-30", "to")]
    [InlineData("?from=2026-03-11&to=2026-03-10", "to")]
    [InlineData("?from=2025-05-19&to=2026-05-20", "to")]
    [InlineData("?from=9999-12-31", "from")]
    [InlineData("?to=0001-01-01", "to")]
    public async Task Bad_ranges_are_refused_with_the_field_named(string query, string field)
    {
        var astrologer = await _p.AstrologerAsync();

        using var response = await astrologer.Client.GetAsync(Url("/api/v1/astrologer/stats" + query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(AccountRole.User, HttpStatusCode.Forbidden)]
    [InlineData(AccountRole.Admin, HttpStatusCode.Forbidden)]
    public async Task Only_astrologers_read_stats(AccountRole? role, HttpStatusCode expected)
    {
        using var client = role is { } r ? (await _p.SignInAsync(r)).Client : host.Factory.CreateClient();

        using var response = await client.GetAsync(Url("/api/v1/astrologer/stats?from=2026-03-10&to=2026-03-11"));

        Assert.Equal(expected, response.StatusCode);
    }
}
