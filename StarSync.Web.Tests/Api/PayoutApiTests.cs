using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Tests.Auth;

namespace StarSync.Web.Tests.Api;

/// <summary>Admins pay astrologers: the report, recording transfers, statements; over HTTP on the real ledger.</summary>
public sealed class PayoutApiTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private readonly AuthApiClient _api = new(host.Factory);

    private ILedgerStore Ledger => host.Factory.Services.GetRequiredService<ILedgerStore>();

    [Fact]
    public async Task A_payout_moves_unpaid_earnings_once_per_bank_reference_and_never_more_than_is_owed()
    {
        var admin = await AdminAsync();
        var astrologer = await _api.CreateAccountAsync(AccountRole.Astrologer);
        await EarnAsync(astrologer.Id, minutes: 10, rate: 3_000); // 10 × ₹21 = ₹210 owed

        using var first = await admin.PostAsJsonAsync($"/api/v1/admin/astrologers/{astrologer.Id}/payouts", new { amount = 15_000, reference = "UTR-0001" });
        using var again = await admin.PostAsJsonAsync($"/api/v1/admin/astrologers/{astrologer.Id}/payouts", new { amount = 15_000, reference = " UTR-0001 " });
        using var tooMuch = await admin.PostAsJsonAsync($"/api/v1/admin/astrologers/{astrologer.Id}/payouts", new { amount = 6_001, reference = "UTR-0002" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(6_000, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unpaid").GetInt64());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(6_000, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unpaid").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        Assert.Equal(6_000, (await Ledger.GetBalanceAsync(LedgerAccounts.Earnings(astrologer.Id))).Balance);
        Assert.Equal(15_000, (await Ledger.FindPostingAsync($"payout:{astrologer.Id}:UTR-0001"))!.Entries.Single(e => e.AccountId == LedgerAccounts.PayoutClearing).Amount);

        var report = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/payouts");
        var row = report.EnumerateArray().Single(r => r.GetProperty("astrologerId").GetString() == astrologer.Id);
        Assert.Equal((21_000, 15_000, 6_000), (row.GetProperty("earned").GetInt64(), row.GetProperty("paidOut").GetInt64(), row.GetProperty("unpaid").GetInt64()));
        var audit = await host.Factory.Services.GetRequiredService<IAuditLog>().QueryAsync(new() { Kind = "payout.recorded", AccountId = astrologer.Id });
        Assert.Single(audit.Items);
    }

    [Fact]
    public async Task Deactivated_and_deleted_astrologers_stay_payable()
    {
        var admin = await AdminAsync();
        var accounts = host.Factory.Services.GetRequiredService<IAccountStore>();
        var leaving = await _api.CreateAccountAsync(AccountRole.Astrologer);
        var gone = await _api.CreateAccountAsync(AccountRole.Astrologer);
        await EarnAsync(leaving.Id, 2, 5_000);
        await EarnAsync(gone.Id, 3, 5_000);
        await accounts.SetStatusAsync(leaving.Id, AccountStatus.Deactivated);
        await accounts.DeleteAsync(gone.Id);

        var report = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/payouts");
        var deleted = report.EnumerateArray().Single(r => r.GetProperty("astrologerId").GetString() == gone.Id);
        Assert.Equal("deleted", deleted.GetProperty("status").GetString());
        Assert.StartsWith("Former astrologer ", deleted.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(10_500, deleted.GetProperty("unpaid").GetInt64());

        using var paid = await admin.PostAsJsonAsync($"/api/v1/admin/astrologers/{gone.Id}/payouts", new { amount = 10_500, reference = "UTR-FINAL" });
        using var paidLeaving = await admin.PostAsJsonAsync($"/api/v1/admin/astrologers/{leaving.Id}/payouts", new { amount = 7_000, reference = "UTR-LAST" });
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal(HttpStatusCode.Created, paidLeaving.StatusCode);
    }

    [Fact]
    public async Task The_monthly_statement_is_csv_with_opening_entries_and_closing_balance()
    {
        var admin = await AdminAsync();
        var astrologer = await _api.CreateAccountAsync(AccountRole.Astrologer);
        await EarnAsync(astrologer.Id, 2, 3_000);
        using var _ = await admin.PostAsJsonAsync($"/api/v1/admin/astrologers/{astrologer.Id}/payouts", new { amount = 2_100, reference = "UTR-9" });
        var month = NodaTime.Instant.FromDateTimeOffset(DateTimeOffset.UtcNow).InZone(AstrologerPayouts.PlatformZone).Date;

        using var response = await admin.GetAsync($"/api/v1/admin/astrologers/{astrologer.Id}/statement?month={month.Year:0000}-{month.Month:00}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"starsync-earnings-{astrologer.Id}-{month.Year:0000}-{month.Month:00}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",opening balance,,,0.00,", lines[2], StringComparison.Ordinal);
        Assert.Contains(",earning,", lines[3], StringComparison.Ordinal);
        Assert.Contains(",payout,UTR-9,-21.00,21.00,", lines[5], StringComparison.Ordinal);
        Assert.EndsWith(",closing balance,,,21.00,", lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"amount\":0,\"reference\":\"R\"}", "amount")]
    [InlineData("{\"amount\":-100,\"reference\":\"R\"}", "amount")]
    [InlineData("{\"amount\":10.5,\"reference\":\"R\"}", "amount")]
    [InlineData("{\"amount\":\"a hundred\",\"reference\":\"R\"}", "amount")]
    [InlineData("{\"reference\":\"R\"}", "amount")]
    [InlineData("{\"amount\":100}", "reference")]
    [InlineData("{\"amount\":100,\"reference\":\"   \"}", "reference")]
    public async Task Bad_payout_input_answers_400_keyed_by_the_field(string json, string field)
    {
        var admin = await AdminAsync();
        var astrologer = await _api.CreateAccountAsync(AccountRole.Astrologer);

        using var response = await admin.PostAsync($"/api/v1/admin/astrologers/{astrologer.Id}/payouts", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), json);
    }

    [Fact]
    public async Task Users_and_unknown_ids_are_not_payable_and_bad_periods_are_400()
    {
        var admin = await AdminAsync();
        var user = await _api.CreateAccountAsync(AccountRole.User);

        using var toUser = await admin.PostAsJsonAsync($"/api/v1/admin/astrologers/{user.Id}/payouts", new { amount = 100, reference = "R" });
        using var unknown = await admin.GetAsync("/api/v1/admin/astrologers/nobody/statement");
        using var badMonth = await admin.GetAsync($"/api/v1/admin/astrologers/{user.Id}/statement?month=2026-13");
        using var backwards = await admin.GetAsync("/api/v1/admin/payouts?from=2026-11-10&to=2026-11-01");

        Assert.Equal(HttpStatusCode.NotFound, toUser.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badMonth.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/admin/payouts")]
    [InlineData("POST", "/api/v1/admin/astrologers/any/payouts")]
    [InlineData("GET", "/api/v1/admin/astrologers/any/statement")]
    public async Task Payouts_are_for_admins_only(string method, string path)
    {
        using var anonymous = new HttpRequestMessage(new HttpMethod(method), path);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Anonymous().SendAsync(anonymous)).StatusCode);
        var astrologer = await _api.CreateAccountAsync(AccountRole.Astrologer);
        var tokens = await _api.LoginOkAsync(astrologer.Email);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.WithToken(tokens.GetProperty("accessToken").GetString()!).SendAsync(request)).StatusCode);
    }

    private async Task EarnAsync(string astrologerId, int minutes, long rate)
    {
        var user = $"payer-{Guid.NewGuid():N}";
        await Ledger.PostAsync(new NewPosting
        {
            IdempotencyKey = $"test-topup:{user}", Reference = "t", Actor = "system",
            Entries = [new(LedgerAccounts.Wallet(user), rate * minutes, LedgerEntryKind.Topup), new(LedgerAccounts.PaymentClearing, -rate * minutes, LedgerEntryKind.Topup)],
        });
        var consultation = Guid.NewGuid().ToString("N");
        for (var n = 1; n <= minutes; n++)
        {
            var result = await Ledger.PostAsync(new NewPosting
            {
                IdempotencyKey = $"consult:{consultation}:{n}", Reference = consultation, Actor = "system",
                Entries =
                [
                    new(LedgerAccounts.Wallet(user), -rate, LedgerEntryKind.Consultation),
                    new(LedgerAccounts.Earnings(astrologerId), rate * 7 / 10, LedgerEntryKind.Earning),
                    new(LedgerAccounts.PlatformCommission, rate - (rate * 7 / 10), LedgerEntryKind.Commission),
                ],
            });
            Assert.Equal(PostingOutcome.Posted, result.Outcome);
        }
    }

    private async Task<HttpClient> AdminAsync()
    {
        var admin = await _api.CreateAccountAsync(AccountRole.Admin);
        var tokens = await _api.LoginOkAsync(admin.Email);
        return _api.WithToken(tokens.GetProperty("accessToken").GetString()!);
    }
}
