using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor.Services;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Time;
using StarSync.Engine.Places;
using StarSync.Web.Accounts;
using StarSync.Web.Admin;
using StarSync.Web.Api;
using StarSync.Web.Assets;
using StarSync.Web.Astrologers;
using StarSync.Web.Auth;
using StarSync.Web.Consultations;
using StarSync.Web.Demo;
using StarSync.Web.Payouts;
using StarSync.Web.Backups;
using StarSync.Web.Components;
using StarSync.Web.Hosting;
using StarSync.Web.Payments;
using StarSync.Web.Wallet;
using StarSync.Web.Horoscope;
using StarSync.Web.Moderation;

var builder = WebApplication.CreateBuilder(args);
var hosting = HostingSettings.From(builder.Configuration);
if (hosting.ListenUrls is not null)
{
    builder.WebHost.UseUrls(hosting.ListenUrls);
}

SwissEphemeris ephemeris;
try
{
    ephemeris = new SwissEphemeris(new EphemerisOptions { DataFolder = hosting.EphemerisFolder });
}
catch (EphemerisUnavailableException e)
{
    await Console.Error.WriteLineAsync($"StarSync cannot start: {e.Message}");
    return 1;
}

DemoSettings demo;
try
{
    demo = DemoSettings.From(builder.Configuration, builder.Environment.EnvironmentName);
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync($"StarSync cannot start: {e.Message}");
    return 1;
}

builder.Services.AddSingleton(hosting);
// Keys live in the data folder so restarts (and later, several nodes sharing it) keep cookies and antiforgery tokens valid.
builder.Services.AddDataProtection()
    .SetApplicationName("StarSync")
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(hosting.DataFolder, "keys")));
builder.Services.AddSingleton(ephemeris);
var storage = await StorageSetup.OpenAsync(builder.Configuration, hosting, TimeProvider.System);
storage.Register(builder.Services);
builder.Services.AddWalletBalanceFeed();
try
{
    builder.Services.AddStarSyncAuth(builder.Configuration, hosting, builder.Environment.IsProduction());
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync($"StarSync cannot start: {e.Message}");
    return 1;
}
try
{
    builder.Services.AddStarSyncAssets(builder.Configuration, hosting);
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync($"StarSync cannot start: {e.Message}");
    return 1;
}
PaymentsSettings payments;
try
{
    payments = builder.Services.AddStarSyncPayments(builder.Configuration, builder.Environment);
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync($"StarSync cannot start: {e.Message}");
    return 1;
}
builder.Services.AddSingleton(_ =>
{
    var clock = Stopwatch.StartNew();
    var gazetteer = Gazetteer.Load();
    GazetteerLoad.Elapsed = clock.Elapsed;
    return gazetteer;
});
builder.Services.AddSingleton<CivilTimeResolver>();
builder.Services.AddSingleton<KundliCalculator>();
builder.Services.AddSingleton<BirthInput>();
builder.Services.AddSingleton<IEmailSender>(builder.Configuration["SMTP_URL"] is { Length: > 0 } smtp ? new SmtpEmailSender(new Uri(smtp)) : new NoEmailSender());
builder.Services.AddSingleton<AccountService>();
builder.Services.AddSingleton<FirstAdmin>();
builder.Services.AddHostedService<ExpiredRecordsPurge>();
builder.Services.AddSingleton<PayoutService>();
builder.Services.Configure<BackupOptions>(builder.Configuration.GetSection("Backups"));
builder.Services.AddSingleton<DatabaseBackups>();
builder.Services.AddHostedService<ScheduledBackups>();
builder.Services.AddLedgerConsistencyCheck(builder.Configuration);
builder.Services.AddSingleton(InvoiceSettings.From(builder.Configuration));
builder.Services.AddSingleton<WalletStatement>();
builder.Services.AddSingleton<TopUpReceipts>();
builder.Services.AddSingleton<DailyHoroscopes>();
builder.Services.AddHostedService<HoroscopePrecompute>();
builder.Services.AddStarSyncAdmin(builder.Configuration);
builder.Services.AddConsultations(builder.Configuration);
builder.Services.AddAstrologerDirectory(builder.Configuration);
// The astrologer's revenue: the Earnings and Consultations pages, the overview card and GET /api/v1/astrologer/stats.
builder.Services.AddSingleton<AstrologerRevenue>();
// Reviews, reports and admins' audited reading of chats (docs/reviews.md).
builder.Services.AddReviewsAndModeration();
builder.Services.AddSingleton(demo);
builder.Services.AddSingleton<DemoSeed>();
builder.Services.AddSingleton(TimeProvider.System);
// `dotnet run` starts in Production, where package assets (MudBlazor's CSS and JS) are otherwise not served from the build output.
builder.WebHost.UseStaticWebAssets();

builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
    o.SerializerOptions.Converters.Add(new UtcInstantJsonConverter());
});
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks()
    .AddCheck<StoreReadinessCheck>("store", tags: ["ready"])
    .AddCheck<EphemerisReadinessCheck>("ephemeris", tags: ["ready"]);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();

var app = builder.Build();
// Close the embedded database when the app stops (after the server and hosted services), so its log is checkpointed
// into the file and the file is free for the next start, also a restart inside one process (tests, the load driver).
if (storage.Owned is { } owned)
{
    app.Lifetime.ApplicationStopped.Register(owned.Dispose);
}

// Load the store and the gazetteer now, not on the first request, and say what was chosen.
var places = app.Services.GetRequiredService<Gazetteer>();
app.Logger.LogInformation(
    "StarSync: store {Store}; payments {Payments}; pictures in {Assets}; ephemeris Swiss Ephemeris {Version} with files from {EphemerisFolder}; gazetteer {Places} places loaded in {LoadMs} ms; listening on {Urls}.",
    storage.Description, payments.Description, app.Services.GetRequiredService<IAssetStore>().Description, ephemeris.Version, ephemeris.DataFolder, places.Count, (int)GazetteerLoad.Elapsed.TotalMilliseconds,
    hosting.ListenUrls ?? app.Configuration["urls"]);

try
{
    await app.Services.GetRequiredService<FirstAdmin>().EnsureAsync(app.Configuration, PublicBaseUrl(hosting, app.Configuration));
}
catch (InvalidOperationException e)
{
    await Console.Error.WriteLineAsync($"StarSync cannot start: {e.Message}");
    return 1;
}

if (demo.Enabled)
{
    try
    {
        await app.Services.GetRequiredService<DemoSeed>().SeedAsync();
    }
    catch (InvalidOperationException e)
    {
        await Console.Error.WriteLineAsync($"StarSync cannot start: {e.Message}");
        return 1;
    }
}

// Behind a reverse proxy (loopback by default; ForwardedHeaders__KnownProxies adds more), take the client's address
// and scheme from X-Forwarded-*, so rate limits and "signed in from" see the real client.
app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
app.UseExceptionHandler();
// Pages get the app's own "not found" page for unknown addresses; the API keeps problem details.
static bool IsPage(HttpContext context) => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/_blazor");
app.UseWhen(IsPage, pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
app.UseWhen(context => !IsPage(context), api => api.UseStatusCodePages());
// Routing after the status-code pages, so that the re-executed "/not-found" request is routed again.
app.UseRouting();
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseAuthentication();
app.UseRejectedSessionNotice();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.MapStaticAssets();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapOpenApi();
app.MapPlacesEndpoints();
app.MapKundliEndpoints();
app.MapSkyEndpoints();
app.MapMatchEndpoints();
app.MapHoroscopeEndpoints();
app.MapAuthEndpoints();
app.MapAccountEndpoints();
app.MapBrowserSignOut();
app.MapAdminEndpoints();
app.MapWalletEndpoints();
app.MapConsultationEndpoints();
app.MapConsultationChatEndpoints();
app.MapStripeWebhook();
app.MapWalletStatementEndpoints();
app.MapAssetEndpoints();
app.MapPayoutEndpoints();
app.MapBackupEndpoints();
app.MapAstrologerEndpoints();
app.MapAstrologerStatsEndpoints();
app.MapReviewEndpoints();
app.MapModerationEndpoints();

app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
await app.RunAsync();
return 0;

// The address people reach the app at, for links printed at start-up.
static string PublicBaseUrl(HostingSettings hosting, IConfiguration configuration) =>
    (configuration["STARSYNC_PUBLIC_URL"] ?? (hosting.ListenUrls ?? configuration["urls"] ?? "http://localhost:5000").Split(';')[0])
        .Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal).Replace("*", "localhost", StringComparison.Ordinal);

/// <summary>The entry point, visible to the integration tests' host factory.</summary>
public partial class Program;

/// <summary>How long the gazetteer took to load (for the start-up log line).</summary>
internal static class GazetteerLoad
{
    public static TimeSpan Elapsed { get; set; }
}
