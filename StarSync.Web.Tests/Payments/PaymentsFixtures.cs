using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StarSync.Engine.Accounts;
using StarSync.Engine.Payments;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Tests.Auth;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Payments;

/// <summary>The app in Stripe mode, its Stripe.net client pointed at an in-process <see cref="StripeStandIn"/>, retries off.</summary>
public class StripePaymentsFixture : IAsyncLifetime
{
    public StripeStandIn StandIn { get; } = new();

    public StarSyncAppFactory Factory { get; } = new();

    protected virtual void Configure(Dictionary<string, string> settings)
    {
    }

    public Task InitializeAsync()
    {
        Factory.Settings["STARSYNC_PAYMENTS"] = "stripe";
        Factory.Settings["STRIPE_SECRET_KEY"] = "sk_test_standin";
        Factory.Settings["STRIPE_WEBHOOK_SECRET"] = StripeEvents.Secret;
        Factory.Settings["STRIPE_API_BASE"] = StandIn.BaseAddress.ToString();
        Factory.Settings["Payments:StripeMaxNetworkRetries"] = "0";
        Configure(Factory.Settings);
        _ = Factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await StandIn.DisposeAsync();
    }
}

/// <summary>Stripe mode with 18% GST added on top.</summary>
public sealed class StripeWithGstFixture : StripePaymentsFixture
{
    protected override void Configure(Dictionary<string, string> settings) => settings["Payments:GstEnabled"] = "true";
}

/// <summary>The app in sandbox mode.</summary>
public sealed class SandboxPaymentsFixture : IDisposable
{
    public SandboxPaymentsFixture()
    {
        Factory.Settings["STARSYNC_PAYMENTS"] = "sandbox";
        _ = Factory.Services;
    }

    public StarSyncAppFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}

/// <summary>Signed-in callers and the wallet API, over one test host.</summary>
public sealed class PaymentsClient(StarSyncAppFactory factory)
{
    private readonly AuthApiClient _auth = new(factory);

    public T Service<T>() where T : notnull => factory.Services.GetRequiredService<T>();

    public HttpClient Anonymous() => _auth.Anonymous();

    public async Task<(Account Account, HttpClient Client)> SignInAsync(AccountRole role = AccountRole.User)
    {
        var account = await _auth.CreateAccountAsync(role);
        var tokens = await _auth.LoginOkAsync(account.Email);
        return (account, _auth.WithToken(tokens.GetProperty("accessToken").GetString()!));
    }

    public static async Task<HttpResponseMessage> CheckoutAsync(HttpClient client, object amount) =>
        await client.PostAsJsonAsync(new Uri("/api/v1/wallet/checkout", UriKind.Relative), new { amount });

    public static async Task<JsonElement> CheckoutOkAsync(HttpClient client, long amount)
    {
        var response = await CheckoutAsync(client, amount);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<HttpResponseMessage> PostWebhookAsync(string payload, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/payments/stripe/webhook", UriKind.Relative))
        {
            Content = new StringContent(payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        }

        return await Anonymous().SendAsync(request);
    }

    public Task<HttpResponseMessage> PostSignedAsync(string payload) => PostWebhookAsync(payload, StripeEvents.Sign(payload, DateTimeOffset.UtcNow));

    public async Task<long> BalanceAsync(string accountId) => (await Service<ILedgerStore>().GetBalanceAsync(LedgerAccounts.Wallet(accountId))).Balance;

    public async Task<TopUp> TopUpAsync(string id) => (await Service<ITopUpStore>().GetAsync(id))!;

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string kind, int take = 200) =>
        (await Service<IAuditLog>().QueryAsync(new AuditQuery { Kind = kind, Take = take })).Items;
}
