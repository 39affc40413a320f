using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using MudBlazor.Services;
using NodaTime;
using StarSync.Engine.Astrology.Charts;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Time;
using StarSync.Web.Components.Pages.Public.Kundli;
using KundliChart = StarSync.Engine.Astrology.Kundli.Kundli;

namespace StarSync.Bench;

/// <summary>
/// Server render time of the Kundli result: the whole report (summary, both chart diagrams, planets table, dasha
/// timeline with today's periods open, panchang) rendered to HTML by Blazor's static renderer for a chart cast by
/// the real engine. This is the markup the server builds for a prerendered result page; the interactive circuit
/// renders the same tree. Goal: p50 ≤ 20 ms.
/// Run: dotnet run -c Release --project StarSync.Bench -- --filter '*KundliPage*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentilesConfig))]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class KundliPageBenchmarks
{
    private SwissEphemeris _ephemeris = null!;
    private KundliCalculator _calculator = null!;
    private BirthData _birth = null!;
    private KundliChart _kundli = null!;
    private ServiceProvider _services = null!;
    private HtmlRenderer _renderer = null!;
    private readonly Instant _now = Instant.FromUtc(2026, 1, 1, 0, 0);

    [GlobalSetup]
    public void Setup()
    {
        _ephemeris = new SwissEphemeris(new EphemerisOptions
        {
            DataFolder = Environment.GetEnvironmentVariable("SE_EPHE_PATH") is { Length: > 0 } folder ? folder : EphemerisOptions.DebianDataFolder,
        });
        _calculator = new KundliCalculator(_ephemeris, new CivilTimeResolver());
        _birth = new BirthData(new LocalDate(1990, 5, 14), new LocalTime(10, 30), 28.63576, 77.22445, "Asia/Kolkata",
            UtcOffsetChoice.FromZone, "Asha", "New Delhi, Delhi, India");
        _kundli = _calculator.Calculate(_birth);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMudServices();
        // Static rendering never reaches the browser; MudBlazor only needs the service to exist.
        services.AddSingleton<IJSRuntime, NoBrowser>();
        services.AddSingleton<NavigationManager, KundliAddress>();
        _services = services.BuildServiceProvider();
        _renderer = new HtmlRenderer(_services, _services.GetRequiredService<ILoggerFactory>());

        var html = RenderReport(ChartStyle.North, Varga.D1).GetAwaiter().GetResult();
        Console.WriteLine($"// The Kundli report renders to {html.Length:N0} characters of HTML.");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _renderer.DisposeAsync();
        await _services.DisposeAsync();
        _ephemeris.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Render the Kundli report (North Indian, D1)")]
    public Task<string> RenderNorthD1() => RenderReport(ChartStyle.North, Varga.D1);

    [Benchmark(Description = "Render the Kundli report (South Indian, D9)")]
    public Task<string> RenderSouthD9() => RenderReport(ChartStyle.South, Varga.D9);

    [Benchmark(Description = "Cast the chart and render the report")]
    public async Task<string> CastAndRender()
    {
        _kundli = _calculator.Calculate(_birth);
        return await RenderReport(ChartStyle.North, Varga.D1);
    }

    private Task<string> RenderReport(ChartStyle style, Varga varga) => _renderer.Dispatcher.InvokeAsync(async () =>
    {
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(KundliReport.Kundli)] = _kundli,
            [nameof(KundliReport.Now)] = _now,
            [nameof(KundliReport.Style)] = style,
            [nameof(KundliReport.Varga)] = varga,
        });
        var output = await _renderer.RenderComponentAsync<KundliReport>(parameters);
        return output.ToHtmlString();
    });

    private sealed class PercentilesConfig : ManualConfig
    {
        public PercentilesConfig() => AddColumn(StatisticColumn.P50, StatisticColumn.P95);
    }

    /// <summary>The page's address, as the server sees it while prerendering.</summary>
    private sealed class KundliAddress : NavigationManager
    {
        public KundliAddress() => Initialize("http://localhost/", "http://localhost/kundli");
    }

    private sealed class NoBrowser : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException("No browser while rendering statically.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException("No browser while rendering statically.");
    }
}
