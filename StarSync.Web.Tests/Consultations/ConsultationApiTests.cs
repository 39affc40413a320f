using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Engine.Accounts;
using StarSync.Engine.Astrologers;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Consultations;
using StarSync.Web.Tests.Api;
using StarSync.Web.Tests.Auth;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Consultations;

/// <summary>Signed-in parties of a consultation test over a real host, its LiteDB ledger and stores.</summary>
public sealed class ConsultationApiParties(StarSyncAppFactory factory)
{
    private readonly AuthApiClient _api = new(factory);

    public static Uri Url(string path) => new(path, UriKind.Relative);

    public T Service<T>()
        where T : notnull => factory.Services.GetRequiredService<T>();

    public async Task<(string Id, HttpClient Client)> SignInAsync(AccountRole role)
    {
        var account = await _api.CreateAccountAsync(role);
        var tokens = await _api.LoginOkAsync(account.Email);
        return (account.Id, _api.WithToken(tokens.GetProperty("accessToken").GetString()!));
    }

    /// <summary>A user whose wallet was credited <paramref name="balance"/> paise by a ledger posting.</summary>
    public async Task<(string Id, HttpClient Client)> UserAsync(long balance)
    {
        var user = await SignInAsync(AccountRole.User);
        if (balance > 0)
        {
            var posted = await Service<ILedgerStore>().PostAsync(new NewPosting
            {
                IdempotencyKey = "test-topup:" + user.Id,
                Reference = "topup-" + user.Id,
                Actor = "test",
                Entries = [new NewLedgerEntry(LedgerAccounts.Wallet(user.Id), balance, LedgerEntryKind.Topup), new NewLedgerEntry(LedgerAccounts.PaymentClearing, -balance, LedgerEntryKind.Topup)],
            });
            Assert.Equal(PostingOutcome.Posted, posted.Outcome);
        }

        return user;
    }

    /// <summary>A signed-in astrologer with an active profile charging <paramref name="rate"/> paise a minute.</summary>
    public async Task<(string Id, HttpClient Client)> AstrologerAsync(long rate = 1_000)
    {
        var astrologer = await SignInAsync(AccountRole.Astrologer);
        var profile = await Service<IAstrologerProfileStore>().CreateAsync(astrologer.Id, new AstrologerDetails
        {
            DisplayName = "Pandit " + astrologer.Id[..6],
            Languages = ["Hindi"],
            Expertise = ["Vedic"],
            MinRatePerMinute = 100,
            MaxRatePerMinute = 100_000,
            RatePerMinute = rate,
        });
        Assert.NotNull(profile);
        return astrologer;
    }

    public static async Task<JsonElement> RequestOkAsync(HttpClient user, string astrologerId)
    {
        var response = await user.PostAsJsonAsync(Url("/api/v1/consultations"), new { astrologerId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/v1/consultations/{body.GetProperty("id").GetString()}", response.Headers.Location!.OriginalString);
        return body;
    }

    public static async Task<JsonElement> ActOkAsync(HttpClient party, string id, string action)
    {
        var response = await party.PostAsync(Url($"/api/v1/consultations/{id}/{action}"), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<long> WalletAsync(HttpClient user) =>
        (await user.GetFromJsonAsync<JsonElement>(Url("/api/v1/wallet"))).GetProperty("balance").GetInt64();

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string userId) =>
        (await Service<IAuditLog>().QueryAsync(new AuditQuery { AccountId = userId, Take = 100 })).Items;
}

/// <summary>
/// The consultation API over a real host (billing minute 60 s, so only minute 1 — billed at acceptance — happens within
/// a test). Rate ₹10/min (1 000 paise), default 30 % commission and 5 minimum minutes (a request needs 5 000 paise).
/// </summary>
public sealed class ConsultationApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private readonly ConsultationApiParties _p = new(host.Factory);

    private static Uri Url(string path) => ConsultationApiParties.Url(path);

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Request_accept_end_charges_exactly_the_minute_billed_at_acceptance()
    {
        var astrologer = await _p.AstrologerAsync();
        var user = await _p.UserAsync(10_000);

        var requested = await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id);
        var id = requested.GetProperty("id").GetString()!;
        Assert.Equal("requested", requested.GetProperty("state").GetString());
        Assert.Equal(1_000, requested.GetProperty("ratePerMinute").GetInt64());
        Assert.Equal("INR", requested.GetProperty("currency").GetString());
        Assert.Equal(JsonValueKind.Null, requested.GetProperty("startedAt").ValueKind);

        var accepted = await ConsultationApiParties.ActOkAsync(astrologer.Client, id, "accept");
        Assert.Equal("active", accepted.GetProperty("state").GetString());
        Assert.Equal(1, accepted.GetProperty("billedMinutes").GetInt32());
        Assert.Equal(1_000, accepted.GetProperty("charged").GetInt64());
        Assert.EndsWith("Z", accepted.GetProperty("startedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(9_000, await ConsultationApiParties.WalletAsync(user.Client));

        // The chat records the astrologer's first message, which keeps minute 1 paid.
        await _p.Service<ConsultationService>().MessageSentAsync(id, astrologer.Id);
        var ended = await ConsultationApiParties.ActOkAsync(user.Client, id, "end");

        Assert.Equal("ended", ended.GetProperty("state").GetString());
        Assert.Equal("user", ended.GetProperty("endedBy").GetString());
        Assert.Equal("user-ended", ended.GetProperty("endReason").GetString());
        Assert.Equal(1, ended.GetProperty("billedMinutes").GetInt32());
        Assert.Equal(1_000, ended.GetProperty("charged").GetInt64());
        Assert.Equal(0, ended.GetProperty("refunded").GetInt64());
        Assert.EndsWith("Z", ended.GetProperty("endedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(9_000, await ConsultationApiParties.WalletAsync(user.Client));
        var ledger = _p.Service<ILedgerStore>();
        Assert.Equal(700, (await ledger.GetBalanceAsync(LedgerAccounts.Earnings(astrologer.Id))).Balance);

        // Both parties read the same record.
        var seenByAstrologer = await astrologer.Client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/consultations/{id}"));
        Assert.Equal("ended", seenByAstrologer.GetProperty("state").GetString());
        Assert.Equal(1_000, seenByAstrologer.GetProperty("charged").GetInt64());
        Assert.Equal(user.Id, seenByAstrologer.GetProperty("userId").GetString());

        var kinds = (await _p.AuditAsync(user.Id)).Where(e => e.Detail?.StartsWith(id, StringComparison.Ordinal) == true).Select(e => (e.Kind, e.Actor)).ToList();
        Assert.Equal([("consultation.ended", user.Id), ("consultation.accepted", astrologer.Id), ("consultation.requested", user.Id)], kinds);
    }

    [Fact]
    public async Task Ending_inside_minute_one_without_an_astrologer_message_refunds_it_and_audits_the_refund()
    {
        var astrologer = await _p.AstrologerAsync();
        var user = await _p.UserAsync(6_000);
        var id = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;
        await ConsultationApiParties.ActOkAsync(astrologer.Client, id, "accept");
        Assert.Equal(5_000, await ConsultationApiParties.WalletAsync(user.Client));

        var ended = await ConsultationApiParties.ActOkAsync(astrologer.Client, id, "end");

        Assert.Equal("astrologer", ended.GetProperty("endedBy").GetString());
        Assert.Equal("astrologer-ended", ended.GetProperty("endReason").GetString());
        Assert.Equal(1_000, ended.GetProperty("charged").GetInt64());
        Assert.Equal(1_000, ended.GetProperty("refunded").GetInt64());
        Assert.Equal(6_000, await ConsultationApiParties.WalletAsync(user.Client));
        var refund = Assert.Single(await _p.AuditAsync(user.Id), e => e.Kind == "consultation.refunded");
        Assert.Contains($"refund:{id}:1", refund.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_balance_below_the_minimum_minutes_answers_402_with_the_amount_to_add()
    {
        var astrologer = await _p.AstrologerAsync(rate: 1_250);
        var user = await _p.UserAsync(3_200);

        var response = await user.Client.PostAsJsonAsync(Url("/api/v1/consultations"), new { astrologerId = astrologer.Id });

        var problem = await ProblemOf(response, HttpStatusCode.PaymentRequired);
        Assert.Equal(6_250, problem.GetProperty("requiredBalance").GetInt64());
        Assert.Equal(3_050, problem.GetProperty("amountToAdd").GetInt64());
        Assert.Equal(3_200, problem.GetProperty("balance").GetInt64());
        Assert.Equal("INR", problem.GetProperty("currency").GetString());
        var mine = await user.Client.GetFromJsonAsync<JsonElement>(Url("/api/v1/consultations"));
        Assert.Equal(0, mine.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task A_cancelled_request_cannot_be_accepted_and_charges_nothing()
    {
        var astrologer = await _p.AstrologerAsync();
        var user = await _p.UserAsync(10_000);
        var id = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;

        var cancelled = await ConsultationApiParties.ActOkAsync(user.Client, id, "cancel");
        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        Assert.Equal("user", cancelled.GetProperty("endedBy").GetString());

        var accept = await astrologer.Client.PostAsync(Url($"/api/v1/consultations/{id}/accept"), null);
        var problem = await ProblemOf(accept, HttpStatusCode.Conflict);
        Assert.Equal("cancelled", problem.GetProperty("state").GetString());
        var again = await user.Client.PostAsync(Url($"/api/v1/consultations/{id}/cancel"), null);
        Assert.Equal("cancelled", (await ProblemOf(again, HttpStatusCode.Conflict)).GetProperty("state").GetString());
        Assert.Equal(10_000, await ConsultationApiParties.WalletAsync(user.Client));
        Assert.Contains(await _p.AuditAsync(user.Id), e => e.Kind == "consultation.cancelled" && e.Actor == user.Id);

        // The slot is free again.
        await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id);
    }

    [Fact]
    public async Task A_declined_request_cannot_be_ended_or_cancelled()
    {
        var astrologer = await _p.AstrologerAsync();
        var user = await _p.UserAsync(10_000);
        var id = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;

        var declined = await ConsultationApiParties.ActOkAsync(astrologer.Client, id, "decline");

        Assert.Equal("declined", declined.GetProperty("state").GetString());
        Assert.Equal("astrologer", declined.GetProperty("endedBy").GetString());
        Assert.Equal(0, declined.GetProperty("charged").GetInt64());
        Assert.Equal("declined", (await ProblemOf(await user.Client.PostAsync(Url($"/api/v1/consultations/{id}/end"), null), HttpStatusCode.Conflict)).GetProperty("state").GetString());
        Assert.Equal("declined", (await ProblemOf(await user.Client.PostAsync(Url($"/api/v1/consultations/{id}/cancel"), null), HttpStatusCode.Conflict)).GetProperty("state").GetString());
        Assert.Equal("declined", (await ProblemOf(await astrologer.Client.PostAsync(Url($"/api/v1/consultations/{id}/accept"), null), HttpStatusCode.Conflict)).GetProperty("state").GetString());
        Assert.Equal(10_000, await ConsultationApiParties.WalletAsync(user.Client));
        Assert.Contains(await _p.AuditAsync(user.Id), e => e.Kind == "consultation.declined" && e.Actor == astrologer.Id);
    }

    [Fact]
    public async Task A_third_party_gets_404_for_everything()
    {
        var astrologer = await _p.AstrologerAsync();
        var user = await _p.UserAsync(10_000);
        var otherUser = await _p.UserAsync(10_000);
        var otherAstrologer = await _p.AstrologerAsync();
        var id = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, (await otherUser.Client.GetAsync(Url($"/api/v1/consultations/{id}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherUser.Client.PostAsync(Url($"/api/v1/consultations/{id}/cancel"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherUser.Client.PostAsync(Url($"/api/v1/consultations/{id}/end"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAstrologer.Client.GetAsync(Url($"/api/v1/consultations/{id}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAstrologer.Client.PostAsync(Url($"/api/v1/consultations/{id}/accept"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAstrologer.Client.PostAsync(Url($"/api/v1/consultations/{id}/decline"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.Client.GetAsync(Url("/api/v1/consultations/no-such-id"))).StatusCode);
        Assert.Equal(0, (await otherUser.Client.GetFromJsonAsync<JsonElement>(Url("/api/v1/consultations"))).GetProperty("total").GetInt64());
        Assert.Equal(0, (await otherAstrologer.Client.GetFromJsonAsync<JsonElement>(Url("/api/v1/consultations"))).GetProperty("total").GetInt64());

        // Still untouched.
        var seen = await user.Client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/consultations/{id}"));
        Assert.Equal("requested", seen.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Users_cannot_accept_and_astrologers_cannot_request()
    {
        var astrologer = await _p.AstrologerAsync();
        var user = await _p.UserAsync(10_000);
        var id = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.PostAsync(Url($"/api/v1/consultations/{id}/accept"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.PostAsync(Url($"/api/v1/consultations/{id}/decline"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await astrologer.Client.PostAsync(Url($"/api/v1/consultations/{id}/cancel"), null)).StatusCode);
        var other = await _p.AstrologerAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await astrologer.Client.PostAsJsonAsync(Url("/api/v1/consultations"), new { astrologerId = other.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Factory.CreateClient().GetAsync(Url($"/api/v1/consultations/{id}"))).StatusCode);
        Assert.Equal("requested", (await user.Client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/consultations/{id}"))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_second_request_while_one_is_open_answers_409_even_when_racing()
    {
        var astrologer = await _p.AstrologerAsync();
        var another = await _p.AstrologerAsync();
        var user = await _p.UserAsync(20_000);

        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            user.Client.PostAsJsonAsync(Url("/api/v1/consultations"), new { astrologerId = i % 2 == 0 ? astrologer.Id : another.Id })));

        Assert.Single(racing, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(3, racing.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var later = await user.Client.PostAsJsonAsync(Url("/api/v1/consultations"), new { astrologerId = another.Id });
        await ProblemOf(later, HttpStatusCode.Conflict);
        Assert.Equal(1, (await user.Client.GetFromJsonAsync<JsonElement>(Url("/api/v1/consultations"))).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Unknown_or_inactive_astrologers_answer_404()
    {
        var user = await _p.UserAsync(10_000);
        var inactive = await _p.AstrologerAsync();
        await _p.Service<IAstrologerProfileStore>().SetStatusAsync(inactive.Id, AccountStatus.Deactivated);
        var plainUser = await _p.UserAsync(0);

        await ProblemOf(await user.Client.PostAsJsonAsync(Url("/api/v1/consultations"), new { astrologerId = "no-such-astrologer" }), HttpStatusCode.NotFound);
        await ProblemOf(await user.Client.PostAsJsonAsync(Url("/api/v1/consultations"), new { astrologerId = inactive.Id }), HttpStatusCode.NotFound);
        await ProblemOf(await user.Client.PostAsJsonAsync(Url("/api/v1/consultations"), new { astrologerId = plainUser.Id }), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{}", "astrologerId")]
    [InlineData("{\"astrologerId\": \"  \"}", "astrologerId")]
    [InlineData("{\"astrologerId\": 42}", "astrologerId")]
    [InlineData("{\"astrologerId\": \"ASTRO\", \"birthProfileId\": \"someone-elses\"}", "birthProfileId")]
    [InlineData("{\"astrologerId\": \"ASTRO\", \"birthProfileId\": 7}", "birthProfileId")]
    [InlineData("{\"astrologerId\": ", "astrologerId")]
    public async Task Bad_input_answers_400_keyed_by_the_field(string json, string field)
    {
        var astrologer = await _p.AstrologerAsync();
        var user = await _p.UserAsync(10_000);

        using var content = new StringContent(json.Replace("ASTRO", astrologer.Id, StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
        var response = await user.Client.PostAsync(Url("/api/v1/consultations"), content);

        var problem = await ProblemOf(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"errors keyed {errors}");
        Assert.Equal(0, (await user.Client.GetFromJsonAsync<JsonElement>(Url("/api/v1/consultations"))).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Each_party_lists_their_own_consultations_newest_first()
    {
        var astrologer = await _p.AstrologerAsync();
        var user = await _p.UserAsync(10_000);
        var first = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;
        await ConsultationApiParties.ActOkAsync(user.Client, first, "cancel");
        var second = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;

        var mine = await user.Client.GetFromJsonAsync<JsonElement>(Url("/api/v1/consultations"));
        Assert.Equal(2, mine.GetProperty("total").GetInt64());
        Assert.Equal([second, first], mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
        Assert.Equal(["requested", "cancelled"], mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("state").GetString()!));

        var paged = await astrologer.Client.GetFromJsonAsync<JsonElement>(Url("/api/v1/consultations?page=2&pageSize=1"));
        Assert.Equal(2, paged.GetProperty("total").GetInt64());
        Assert.Equal(first, Assert.Single(paged.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        var bad = await user.Client.GetAsync(Url("/api/v1/consultations?page=0&pageSize=500"));
        var errors = (await ProblemOf(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("page", out _));
        Assert.True(errors.TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task Admins_list_call_logs_filtered_by_party_and_state()
    {
        var astrologer = await _p.AstrologerAsync();
        var user = await _p.UserAsync(10_000);
        var admin = await _p.SignInAsync(AccountRole.Admin);
        var cancelledId = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;
        await ConsultationApiParties.ActOkAsync(user.Client, cancelledId, "cancel");
        var liveId = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;
        await ConsultationApiParties.ActOkAsync(astrologer.Client, liveId, "accept");
        await _p.Service<ConsultationService>().MessageSentAsync(liveId, astrologer.Id);
        await ConsultationApiParties.ActOkAsync(user.Client, liveId, "end");

        var all = await admin.Client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/admin/consultations?userId={user.Id}"));
        Assert.Equal(2, all.GetProperty("total").GetInt64());
        var log = all.GetProperty("items")[0];
        Assert.Equal(liveId, log.GetProperty("id").GetString());
        Assert.Equal("ended", log.GetProperty("state").GetString());
        Assert.Equal(astrologer.Id, log.GetProperty("astrologerId").GetString());
        Assert.Equal(1, log.GetProperty("billedMinutes").GetInt32());
        Assert.Equal(1_000, log.GetProperty("charged").GetInt64());
        Assert.Equal(0, log.GetProperty("refunded").GetInt64());
        Assert.Equal("kept", log.GetProperty("firstMinute").GetString());
        Assert.Equal(3_000, log.GetProperty("commissionBasisPoints").GetInt32());
        Assert.Equal("user", log.GetProperty("endedBy").GetString());
        Assert.Equal("user-ended", log.GetProperty("endReason").GetString());
        Assert.EndsWith("Z", log.GetProperty("requestedAt").GetString(), StringComparison.Ordinal);

        var cancelled = await admin.Client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/admin/consultations?astrologerId={astrologer.Id}&state=cancelled"));
        Assert.Equal(cancelledId, Assert.Single(cancelled.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal("user", cancelled.GetProperty("items")[0].GetProperty("endedBy").GetString());

        var bad = await admin.Client.GetAsync(Url("/api/v1/admin/consultations?state=live"));
        Assert.True((await ProblemOf(bad, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("state", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.GetAsync(Url("/api/v1/admin/consultations"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await astrologer.Client.GetAsync(Url("/api/v1/admin/consultations"))).StatusCode);
    }
}

/// <summary>A host whose billing minute is two seconds, so minutes are billed while a test runs.</summary>
public sealed class ShortMinuteHostFixture : IDisposable
{
    public ShortMinuteHostFixture()
    {
        Factory.Settings["Billing:MinuteSeconds"] = "2";
        Factory.Settings["Billing:TickMilliseconds"] = "100";
    }

    public StarSyncAppFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}

/// <summary>Removing an astrologer while a consultation is live, with real minutes billed by the running loop.</summary>
public sealed class AstrologerRemovalConsultationTests(ShortMinuteHostFixture host) : IClassFixture<ShortMinuteHostFixture>
{
    private readonly ConsultationApiParties _p = new(host.Factory);

    private static Uri Url(string path) => ConsultationApiParties.Url(path);

    [Theory]
    [InlineData("deactivate")]
    [InlineData("delete")]
    public async Task Removing_the_astrologer_ends_the_live_consultation_and_the_wallet_pays_exactly_the_billed_minutes(string how)
    {
        var astrologer = await _p.AstrologerAsync();
        var user = await _p.UserAsync(100_000);
        var admin = await _p.SignInAsync(AccountRole.Admin);
        var id = (await ConsultationApiParties.RequestOkAsync(user.Client, astrologer.Id)).GetProperty("id").GetString()!;
        await ConsultationApiParties.ActOkAsync(astrologer.Client, id, "accept");
        await _p.Service<ConsultationService>().MessageSentAsync(id, astrologer.Id);
        var store = _p.Service<IConsultationStore>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await store.GetAsync(id))!.BilledMinutes < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the billing loop did not bill minute 2");
            await Task.Delay(100);
        }

        var removed = how == "deactivate"
            ? await admin.Client.PostAsync(Url($"/api/v1/admin/astrologers/{astrologer.Id}/deactivate"), null)
            : await admin.Client.DeleteAsync(Url($"/api/v1/admin/astrologers/{astrologer.Id}"));
        Assert.True(removed.IsSuccessStatusCode, removed.StatusCode.ToString());

        var ended = await user.Client.GetFromJsonAsync<JsonElement>(Url($"/api/v1/consultations/{id}"));
        Assert.Equal("ended", ended.GetProperty("state").GetString());
        Assert.Equal("astrologer-deactivated", ended.GetProperty("endReason").GetString());
        Assert.Equal("system", ended.GetProperty("endedBy").GetString());
        var minutes = ended.GetProperty("billedMinutes").GetInt32();
        Assert.True(minutes >= 2);
        Assert.Equal(minutes * 1_000L, ended.GetProperty("charged").GetInt64());
        Assert.Equal(0, ended.GetProperty("refunded").GetInt64());

        // Nothing more is billed once it has ended.
        await Task.Delay(2_500);
        Assert.Equal(minutes, (await store.GetAsync(id))!.BilledMinutes);
        Assert.Equal(100_000 - minutes * 1_000L, await ConsultationApiParties.WalletAsync(user.Client));
        var ledger = _p.Service<ILedgerStore>();
        Assert.Equal(minutes * 700L, (await ledger.GetBalanceAsync(LedgerAccounts.Earnings(astrologer.Id))).Balance);
        Assert.Empty(await ledger.VerifyBalancesAsync());
        var audit = Assert.Single(await _p.AuditAsync(user.Id), e => e.Kind == "consultation.ended");
        Assert.Equal(ConsultationAudit.SystemActor, audit.Actor);
        Assert.Contains("astrologer-deactivated", audit.Detail, StringComparison.Ordinal);
    }
}
