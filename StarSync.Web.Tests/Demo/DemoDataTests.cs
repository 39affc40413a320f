using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StarSync.Engine.Accounts;
using StarSync.Engine.Storage;
using StarSync.Engine.Wallet;
using StarSync.Web.Auth;
using StarSync.Web.Demo;
using StarSync.Web.Tests.Auth;
using StarSync.Web.Tests.Infrastructure;

namespace StarSync.Web.Tests.Demo;

/// <summary>Demo mode over the real app host and its LiteDB file: what it seeds, what it prints, and restarts.</summary>
public sealed partial class DemoDataTests : IDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "starsync-tests", "demo-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The test never started an app on it.
        }
    }

    [Fact]
    public async Task Demo_accounts_sign_in_with_the_printed_passwords_and_the_user_holds_the_seeded_balance()
    {
        using var factory = new StarSyncAppFactory();
        var (app, log) = Start(factory, demo: true);
        var printed = log.SignIns();

        Assert.Equal(5, printed.Count);
        Assert.Contains(DemoCatalogue.UserEmail, printed.Keys);
        Assert.All(DemoCatalogue.Astrologers, a => Assert.Contains(a.Email, printed.Keys));
        Assert.Contains(log.Messages, m => m.Contains(Path.Combine(_dataFolder, DemoSeed.PasswordFileName), StringComparison.Ordinal));

        var api = new AuthApiClient(factory);
        var user = await SignInAsync(app, DemoCatalogue.UserEmail, printed[DemoCatalogue.UserEmail]);
        var wallet = await user.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/wallet", UriKind.Relative));
        Assert.Equal(100_000, wallet.GetProperty("balance").GetInt64());
        Assert.Equal("INR", wallet.GetProperty("currency").GetString());
        var history = await user.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/wallet/transactions", UriKind.Relative));
        var credit = Assert.Single(history.GetProperty("items").EnumerateArray());
        Assert.Equal(("promotion", 100_000L), (credit.GetProperty("kind").GetString(), credit.GetProperty("amount").GetInt64()));

        foreach (var demo in DemoCatalogue.Astrologers)
        {
            var astrologer = await SignInAsync(app, demo.Email, printed[demo.Email]);
            var profile = await astrologer.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/astrologer/profile", UriKind.Relative));
            Assert.Equal(demo.Name, profile.GetProperty("name").GetString());
            Assert.Equal(demo.RatePerMinute, profile.GetProperty("ratePerMinute").GetInt64());
        }

        // A wrong password is still refused: demo accounts are ordinary accounts.
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.LoginAsync(DemoCatalogue.UserEmail, "not-the-demo-password")).StatusCode);

        var directory = await app.CreateClient().GetFromJsonAsync<JsonElement>(new Uri("/api/v1/astrologers", UriKind.Relative));
        var listed = directory.EnumerateArray().ToList();
        Assert.Equal(4, listed.Count);
        Assert.All(listed, a => Assert.EndsWith("(demo)", a.GetProperty("name").GetString(), StringComparison.Ordinal));
        Assert.Equal(4, listed.Select(a => a.GetProperty("ratePerMinute").GetInt64()).Distinct().Count());
        Assert.All(listed, a => Assert.NotEmpty(a.GetProperty("languages").EnumerateArray()));
        Assert.All(listed, a => Assert.InRange(a.GetProperty("experienceYears").GetInt32(), 1, 80));
    }

    [Fact]
    public async Task A_restart_neither_duplicates_nor_credits_again_and_keeps_the_passwords()
    {
        Dictionary<string, string> first;
        string userId;
        using (var factory = new StarSyncAppFactory())
        {
            var (app, log) = Start(factory, demo: true);
            first = log.SignIns();
            userId = (await app.Services.GetRequiredService<IAccountStore>().FindByEmailAsync(DemoCatalogue.UserEmail))!.Id;
            // Someone changes the demo user's password in the app: the next start sets the printed one back.
            var hasher = app.Services.GetRequiredService<PasswordHasher>();
            await app.Services.GetRequiredService<IAccountStore>().SetPasswordHashAsync(userId, hasher.Hash("changed in the app"));
        }

        using (var factory = new StarSyncAppFactory())
        {
            var (app, log) = Start(factory, demo: true);
            Assert.Equal(first, log.SignIns());

            var accounts = app.Services.GetRequiredService<IAccountStore>();
            var users = await accounts.ListAsync(new AccountQuery { Role = AccountRole.User, Take = 100 });
            var astrologers = await accounts.ListAsync(new AccountQuery { Role = AccountRole.Astrologer, Take = 100 });
            Assert.Equal([userId], users.Items.Select(a => a.Id));
            Assert.Equal(4, astrologers.Items.Count);
            var directory = await app.CreateClient().GetFromJsonAsync<JsonElement>(new Uri("/api/v1/astrologers", UriKind.Relative));
            Assert.Equal(4, directory.GetArrayLength());

            var ledger = app.Services.GetRequiredService<ILedgerStore>();
            Assert.Equal(100_000, (await ledger.GetBalanceAsync(LedgerAccounts.Wallet(userId))).Balance);
            Assert.Equal(-100_000, (await ledger.GetBalanceAsync(LedgerAccounts.PlatformPromotions)).Balance);
            var entries = await ledger.QueryEntriesAsync(new LedgerQuery { AccountId = LedgerAccounts.Wallet(userId) });
            Assert.Equal(1, entries.Total);
            Assert.Equal(DemoCatalogue.CreditKey(userId), (await ledger.FindPostingAsync(DemoCatalogue.CreditKey(userId)))!.IdempotencyKey);
            Assert.Empty(await ledger.VerifyBalancesAsync());

            var user = await SignInAsync(app, DemoCatalogue.UserEmail, first[DemoCatalogue.UserEmail]);
            Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task Without_demo_mode_nothing_is_seeded()
    {
        using var factory = new StarSyncAppFactory();
        var (app, log) = Start(factory, demo: false);

        Assert.Null(await app.Services.GetRequiredService<IAccountStore>().FindByEmailAsync(DemoCatalogue.UserEmail));
        Assert.Equal(0, (await app.Services.GetRequiredService<IAccountStore>().ListAsync(new AccountQuery { Role = AccountRole.Astrologer })).Total);
        Assert.Equal(0, (await app.CreateClient().GetFromJsonAsync<JsonElement>(new Uri("/api/v1/astrologers", UriKind.Relative))).GetArrayLength());
        Assert.False(File.Exists(Path.Combine(_dataFolder, DemoSeed.PasswordFileName)));
        Assert.Empty(log.SignIns());
    }

    [Fact]
    public async Task The_app_refuses_to_start_in_Production_with_demo_mode()
    {
        var (exitCode, message) = await AppProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["STARSYNC_DEMO"] = "true",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("StarSync cannot start: STARSYNC_DEMO=true is refused in Production", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Production", false)]
    [InlineData("false", "Production", false)]
    [InlineData("true", "Development", true)]
    [InlineData("TRUE", "Staging", true)]
    [InlineData("", "Development", false)]
    public void STARSYNC_DEMO_is_read_as_a_boolean(string? value, string environment, bool enabled)
    {
        Assert.Equal(enabled, DemoSettings.From(Configuration(value), environment).Enabled);
    }

    [Fact]
    public void Demo_mode_is_refused_in_Production_and_a_value_that_is_not_a_boolean_is_refused_everywhere()
    {
        var production = Assert.Throws<InvalidOperationException>(() => DemoSettings.From(Configuration("true"), "Production"));
        Assert.Contains("refused in Production", production.Message, StringComparison.Ordinal);
        var unclear = Assert.Throws<InvalidOperationException>(() => DemoSettings.From(Configuration("yes"), "Development"));
        Assert.Contains("'yes'", unclear.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(string? demo) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [DemoSettings.Variable] = demo }).Build();

    // The app on this test's data folder (so a second factory is a restart of the same installation), with its log captured.
    private (WebApplicationFactory<Program> App, CapturedLog Log) Start(StarSyncAppFactory factory, bool demo)
    {
        factory.Settings["STARSYNC_DATA_DIR"] = _dataFolder;
        if (demo)
        {
            factory.Settings[DemoSettings.Variable] = "true";
        }

        var log = new CapturedLog();
        var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        _ = app.CreateClient();
        return (app, log);
    }

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> app, string email, string password)
    {
        var response = await app.CreateClient().PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.GetProperty("accessToken").GetString());
        return client;
    }

    [GeneratedRegex(@"email (?<email>\S+) password (?<password>\S+)")]
    private static partial Regex SignInLine();

    /// <summary>Every log message the app writes, as formatted text.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        /// <summary>Email → password, as the start-up log printed them.</summary>
        public Dictionary<string, string> SignIns() => Messages
            .Select(m => SignInLine().Match(m))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["email"].Value, m => m.Groups["password"].Value, StringComparer.Ordinal);

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLog log) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log.Messages.Enqueue(formatter(state, exception));
        }
    }
}
