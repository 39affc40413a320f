using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using StarSync.Engine.Accounts;

namespace StarSync.Web.Tests.Payments;

/// <summary>The wallet API: balance, transactions, checkout validation and admin adjustments.</summary>
public sealed class WalletApiTests(SandboxPaymentsFixture host) : IClassFixture<SandboxPaymentsFixture>
{
    private readonly PaymentsClient _api = new(host.Factory);

    private static Uri Adjustments(string accountId) => new($"/api/v1/admin/users/{accountId}/wallet/adjustments", UriKind.Relative);

    [Fact]
    public async Task A_new_wallet_is_empty_in_rupees()
    {
        var (_, client) = await _api.SignInAsync();

        var wallet = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/wallet", UriKind.Relative));

        Assert.Equal(0, wallet.GetProperty("balance").GetInt64());
        Assert.Equal("INR", wallet.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task The_wallet_api_needs_a_signed_in_caller()
    {
        var anonymous = _api.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/v1/wallet", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/v1/wallet/transactions", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PaymentsClient.CheckoutAsync(anonymous, 10_000)).StatusCode);
    }

    [Fact]
    public async Task Transactions_page_newest_first_with_the_balance_after_each()
    {
        var (user, client) = await _api.SignInAsync();
        var (_, admin) = await _api.SignInAsync(AccountRole.Admin);
        for (var i = 1; i <= 5; i++)
        {
            var response = await admin.PostAsJsonAsync(Adjustments(user.Id), new { amount = i * 1_000, reason = $"credit {i}", idempotencyKey = $"page-{user.Id}-{i}" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var page = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/wallet/transactions?page=2&pageSize=2", UriKind.Relative));
        var last = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/wallet/transactions?page=3&pageSize=2", UriKind.Relative));

        Assert.Equal(5, page.GetProperty("total").GetInt64());
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([3_000L, 2_000L], items.Select(i => i.GetProperty("amount").GetInt64()));
        Assert.Equal([6_000L, 3_000L], items.Select(i => i.GetProperty("balanceAfter").GetInt64()));
        Assert.Equal("adjustment", items[0].GetProperty("kind").GetString());
        Assert.Equal("credit 3", items[0].GetProperty("reference").GetString());
        Assert.EndsWith("Z", items[0].GetProperty("createdAt").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(items[0].GetProperty("id").GetString()));
        Assert.Equal([1_000L], last.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("amount").GetInt64()));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=x", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    public async Task Bad_paging_answers_400_keyed_by_the_parameter(string query, string field)
    {
        var (_, client) = await _api.SignInAsync();

        var response = await client.GetAsync(new Uri("/api/v1/wallet/transactions?" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("{\"amount\":0}", "more than zero")]
    [InlineData("{\"amount\":-10000}", "more than zero")]
    [InlineData("{\"amount\":10000.5}", "whole paise")]
    [InlineData("{\"amount\":10050}", "whole rupees")]
    [InlineData("{\"amount\":4900}", "between ₹50 and ₹1,00,000")]
    [InlineData("{\"amount\":10000100}", "between ₹50 and ₹1,00,000")]
    [InlineData("{\"amount\":\"10000\"}", "must be a number")]
    [InlineData("{\"amount\":null}", "required")]
    [InlineData("{}", "required")]
    [InlineData("{\"amount\":99999999999999999999999}", "too large")]
    public async Task Checkout_refuses_bad_amounts_with_400_keyed_by_amount(string json, string message)
    {
        var (_, client) = await _api.SignInAsync();

        var response = await client.PostAsync(new Uri("/api/v1/wallet/checkout", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty("amount")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_accepts_the_limits_themselves()
    {
        var (_, client) = await _api.SignInAsync();

        var lowest = await PaymentsClient.CheckoutOkAsync(client, 5_000);
        var highest = await PaymentsClient.CheckoutOkAsync(client, 10_000_000);

        Assert.Equal(5_000, lowest.GetProperty("chargeAmount").GetInt64());
        Assert.Equal(10_000_000, highest.GetProperty("creditAmount").GetInt64());
    }

    [Fact]
    public async Task An_adjustment_credits_and_a_repeated_key_answers_the_same_balance_without_posting_again()
    {
        var (user, _) = await _api.SignInAsync();
        var (_, admin) = await _api.SignInAsync(AccountRole.Admin);
        var request = new { amount = 25_000, reason = "goodwill after an outage", idempotencyKey = "goodwill-1" };

        var first = await admin.PostAsJsonAsync(Adjustments(user.Id), request);
        var repeat = await admin.PostAsJsonAsync(Adjustments(user.Id), request);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(25_000, (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("balance").GetInt64());
        Assert.Equal(25_000, (await repeat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("balance").GetInt64());
        Assert.Equal(25_000, await _api.BalanceAsync(user.Id));
        Assert.Contains(await _api.AuditAsync("wallet.adjusted"), a => a.AccountId == user.Id && a.Detail!.EndsWith("goodwill after an outage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admin_keys_are_scoped_per_admin()
    {
        var (user, _) = await _api.SignInAsync();
        var (_, first) = await _api.SignInAsync(AccountRole.Admin);
        var (_, second) = await _api.SignInAsync(AccountRole.Admin);
        var request = new { amount = 1_000, reason = "same client key", idempotencyKey = "shared-key" };

        await first.PostAsJsonAsync(Adjustments(user.Id), request);
        var response = await second.PostAsJsonAsync(Adjustments(user.Id), request);

        Assert.Equal(2_000, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task A_debit_that_would_overdraw_answers_409_and_changes_nothing()
    {
        var (user, _) = await _api.SignInAsync();
        var (_, admin) = await _api.SignInAsync(AccountRole.Admin);
        await admin.PostAsJsonAsync(Adjustments(user.Id), new { amount = 5_000, reason = "credit", idempotencyKey = "od-credit" });

        var response = await admin.PostAsJsonAsync(Adjustments(user.Id), new { amount = -5_001, reason = "too much", idempotencyKey = "od-debit" });
        var exact = await admin.PostAsJsonAsync(Adjustments(user.Id), new { amount = -5_000, reason = "all of it", idempotencyKey = "od-exact" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
        Assert.Equal(0, await _api.BalanceAsync(user.Id));
        Assert.Contains(await _api.AuditAsync("wallet.adjustment-refused"), a => a.AccountId == user.Id);
    }

    [Fact]
    public async Task Adjustments_are_for_admins_only()
    {
        var (user, client) = await _api.SignInAsync();
        var (_, astrologer) = await _api.SignInAsync(AccountRole.Astrologer);
        var request = new { amount = 1_000, reason = "free money", idempotencyKey = "self" };

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync(Adjustments(user.Id), request)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await astrologer.PostAsJsonAsync(Adjustments(user.Id), request)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Anonymous().PostAsJsonAsync(Adjustments(user.Id), request)).StatusCode);
        Assert.Equal(0, await _api.BalanceAsync(user.Id));
    }

    [Fact]
    public async Task Bad_adjustments_answer_400_keyed_by_field_and_unknown_users_404()
    {
        var (user, _) = await _api.SignInAsync();
        var (_, admin) = await _api.SignInAsync(AccountRole.Admin);

        var bad = await admin.PostAsJsonAsync(Adjustments(user.Id), new { amount = 0, reason = " ", idempotencyKey = "" });
        var fractional = await admin.PostAsJsonAsync(Adjustments(user.Id), new { amount = 1.5, reason = "r", idempotencyKey = "k" });
        var unknown = await admin.PostAsJsonAsync(Adjustments("no-such-user"), new { amount = 100, reason = "r", idempotencyKey = "k" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["amount", "idempotencyKey", "reason"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, fractional.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
