using BenchmarkDotNet.Attributes;
using NodaTime;
using StarSync.Engine.Astrology.Ephemeris;
using StarSync.Engine.Astrology.Kundli;
using StarSync.Engine.Astrology.Time;

namespace StarSync.Bench;

/// <summary>
/// A full Kundli (lagna, nine grahas, sixteen vargas, three dasha levels, panchang at birth) against the cost of
/// exactly the Swiss Ephemeris calls it makes, recorded from one real calculation and replayed bare. The Ratio
/// column is the goal's figure (≤ 1.5).
/// </summary>
[MemoryDiagnoser]
public class KundliBenchmarks
{
    private SwissEphemeris _ephemeris = null!;
    private KundliCalculator _calculator = null!;
    private BirthData _birth = null!;
    private NativeCall[] _calls = [];

    [GlobalSetup]
    public void Setup()
    {
        // One worker thread, so the recording sees every call of the calculation.
        _ephemeris = new SwissEphemeris(new EphemerisOptions { WorkerThreads = 1 });
        _calculator = new KundliCalculator(_ephemeris, new CivilTimeResolver());
        _birth = new BirthData(new LocalDate(1990, 5, 15), new LocalTime(14, 30), 28.6358, 77.2245, "Asia/Kolkata", UtcOffsetChoice.FromZone);
        _calculator.Calculate(_birth); // warm the files and the mode

        _ephemeris.Run(context => context.Recording = []);
        _calculator.Calculate(_birth);
        _calls = _ephemeris.Run(context =>
        {
            var calls = context.Recording!.ToArray();
            context.Recording = null;
            return calls;
        });
        Console.WriteLine($"// A full Kundli makes {_calls.Length} Swiss Ephemeris calls.");
    }

    [GlobalCleanup]
    public void Cleanup() => _ephemeris.Dispose();

    [Benchmark(Baseline = true, Description = "Raw ephemeris calls of one Kundli")]
    public int RawEphemerisCalls() => _ephemeris.Run(_ =>
    {
        var status = 0;
        foreach (var call in _calls)
        {
            status |= EphemerisContext.Replay(call);
        }

        return status;
    });

    [Benchmark(Description = "Full Kundli")]
    public Kundli FullKundli() => _calculator.Calculate(_birth);
}
