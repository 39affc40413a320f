using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;

namespace StarSync.Engine.Astrology.Ephemeris;

/// <summary>
/// Every native call into the Swiss Ephemeris (Debian <c>libswe.so.2</c>) goes through this file.
/// </summary>
/// <remarks>
/// The Debian build keeps its state (ephemeris path, sidereal mode, open files) per OS thread, and a thread that
/// ends without <c>swe_close</c> leaks its open files. So calculations run on a fixed set of long-lived worker
/// threads owned by this class; each worker sets the path once and the sidereal mode whenever a call asks for a
/// different one, always in the same synchronous call as the calculation.
/// </remarks>
public sealed partial class SwissEphemeris : IDisposable
{
    private const string Library = "libswe.so.2";

    private readonly BlockingCollection<Action<EphemerisContext>> _queue = new();
    private readonly Thread[] _workers;
    private readonly string _dataFolder;

    [ThreadStatic] private static EphemerisContext? t_context;

    /// <summary>Starts the worker threads after checking that the library and its data files are present.</summary>
    /// <exception cref="EphemerisUnavailableException">The library or the data files are missing.</exception>
    public SwissEphemeris(EphemerisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dataFolder = options.DataFolder;
        if (!File.Exists(Path.Combine(_dataFolder, "sepl_18.se1")) || !File.Exists(Path.Combine(_dataFolder, "semo_18.se1")))
        {
            throw new EphemerisUnavailableException(
                $"The Swiss Ephemeris data files (sepl_18.se1, semo_18.se1) were not found in '{_dataFolder}'. " +
                "Install them with 'sudo apt-get install swe-basic-data', or point SE_EPHE_PATH at a folder that holds them.");
        }

        try
        {
            Version = NativeVersion();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            throw new EphemerisUnavailableException(
                $"The Swiss Ephemeris library ({Library}) could not be loaded: {e.Message}. " +
                "Install it with 'sudo apt-get install libswe2.0 swe-basic-data'.", e);
        }

        var count = options.WorkerThreads > 0 ? options.WorkerThreads : Environment.ProcessorCount;
        _workers = new Thread[count];
        for (var i = 0; i < count; i++)
        {
            _workers[i] = new Thread(WorkerLoop) { IsBackground = true, Name = $"ephemeris-{i}" };
            _workers[i].Start();
        }
    }

    /// <summary>The native library's version string, e.g. "2.10.03".</summary>
    public string Version { get; }

    /// <summary>The folder the data files are read from.</summary>
    public string DataFolder => _dataFolder;

    /// <summary>Runs <paramref name="work"/> on an ephemeris thread and waits for it.</summary>
    /// <remarks>The context must not escape <paramref name="work"/>: it is only valid on that thread.</remarks>
    public T Run<T>(Func<EphemerisContext, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (t_context is { } here)
        {
            return work(here);
        }

        return RunAsync(work).GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="work"/> on an ephemeris thread.</summary>
    public Task<T> RunAsync<T>(Func<EphemerisContext, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(context =>
        {
            try
            {
                done.SetResult(work(context));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    private void WorkerLoop()
    {
        var context = new EphemerisContext();
        t_context = context;
        NativeMethods.swe_set_ephe_path(_dataFolder);
        try
        {
            foreach (var item in _queue.GetConsumingEnumerable())
            {
                item(context);
            }
        }
        finally
        {
            NativeMethods.swe_close();
            t_context = null;
        }
    }

    /// <summary>Stops the workers; each closes its ephemeris files.</summary>
    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var worker in _workers)
        {
            worker.Join(TimeSpan.FromSeconds(5));
        }

        _queue.Dispose();
    }

    private static unsafe string NativeVersion()
    {
        var buffer = stackalloc byte[256];
        NativeMethods.swe_version(buffer);
        return Marshal.PtrToStringUTF8((nint)buffer) ?? "unknown";
    }

    /// <summary>Swiss Ephemeris body numbers (swephexp.h).</summary>
    public enum Body
    {
        Sun = 0,
        Moon = 1,
        Mercury = 2,
        Venus = 3,
        Mars = 4,
        Jupiter = 5,
        Saturn = 6,
        MeanNode = 10,
        TrueNode = 11,
    }

    internal const int FlagSwissEphemeris = 2;
    internal const int FlagSpeed = 256;
    internal const int FlagSidereal = 64 * 1024;
    internal const int CalcRise = 1;
    internal const int CalcSet = 2;
    internal const int BitDiscCentre = 256;
    internal const int BitNoRefraction = 512;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006", Justification = "Native names.")]
    internal static unsafe partial class NativeMethods
    {
        [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial void swe_set_ephe_path(string path);

        [LibraryImport(Library)]
        internal static partial void swe_set_sid_mode(int sidMode, double t0, double ayanT0);

        [LibraryImport(Library)]
        internal static partial int swe_calc_ut(double tjdUt, int body, int flags, double* xx, byte* serr);

        [LibraryImport(Library)]
        internal static partial int swe_get_ayanamsa_ex_ut(double tjdUt, int flags, double* ayanamsa, byte* serr);

        [LibraryImport(Library)]
        internal static partial int swe_houses_ex(double tjdUt, int flags, double latitude, double longitude, int houseSystem, double* cusps, double* ascmc);

        [LibraryImport(Library)]
        internal static partial int swe_utc_to_jd(int year, int month, int day, int hour, int minute, double second, int gregorian, double* dret, byte* serr);

        [LibraryImport(Library)]
        internal static partial void swe_jdut1_to_utc(double tjdUt, int gregorian, int* year, int* month, int* day, int* hour, int* minute, double* second);

        [LibraryImport(Library)]
        internal static partial int swe_rise_trans(double tjdUt, int body, byte* starName, int epheFlags, int riseSetFlags, double* geopos, double pressure, double temperature, double* tret, byte* serr);

        [LibraryImport(Library)]
        internal static partial void swe_close();

        [LibraryImport(Library)]
        internal static partial byte* swe_version(byte* buffer);
    }
}

/// <summary>Sidereal modes offered to users, with their Swiss Ephemeris numbers.</summary>
public enum SiderealMode
{
    /// <summary>Lahiri (Chitrapaksha), India's official ayanamsa.</summary>
    Lahiri = 1,
    /// <summary>B. V. Raman.</summary>
    Raman = 3,
    /// <summary>Krishnamurti (KP).</summary>
    Krishnamurti = 5,
    /// <summary>True Chitra: Spica held at 180° exactly.</summary>
    TrueChitra = 27,
}

/// <summary>A body's position: ecliptic longitude and latitude in degrees, longitude speed in degrees per day.</summary>
public readonly record struct EclipticPosition(double Longitude, double Latitude, double Speed);

/// <summary>A failure reported by the Swiss Ephemeris for an otherwise valid request.</summary>
public sealed class EphemerisCalculationException(string message) : Exception(message);

/// <summary>
/// The calls available on an ephemeris thread. Valid only inside <see cref="SwissEphemeris.Run{T}"/>.
/// Julian days are UT1 (<c>tjd_ut</c>) unless named otherwise.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Instance methods on purpose: a context is only valid on its own ephemeris thread.")]
public sealed unsafe class EphemerisContext
{
    private int _sidMode = -1;

    internal EphemerisContext()
    {
    }

    /// <summary>
    /// When set, every native call made through this context is appended to it, so that a benchmark can replay a
    /// chart's raw calls (<see cref="Replay"/>) and compare their cost with the whole calculation.
    /// </summary>
    internal List<NativeCall>? Recording { get; set; }

    /// <summary>Makes one recorded native call again, with nothing around it; returns the library's status.</summary>
    internal static int Replay(in NativeCall call)
    {
        var xx = stackalloc double[6];
        var serr = stackalloc byte[256];
        var extra = stackalloc double[13];
        var ascmc = stackalloc double[10];
        var result = 0;
        switch (call.Kind)
        {
            case NativeCallKind.SetSiderealMode:
                SwissEphemeris.NativeMethods.swe_set_sid_mode(call.Flags, 0, 0);
                break;
            case NativeCallKind.Calculate:
                result = SwissEphemeris.NativeMethods.swe_calc_ut(call.JulianDay, call.Body, call.Flags, xx, serr);
                break;
            case NativeCallKind.Ayanamsa:
                result = SwissEphemeris.NativeMethods.swe_get_ayanamsa_ex_ut(call.JulianDay, SwissEphemeris.FlagSwissEphemeris, xx, serr);
                break;
            case NativeCallKind.Houses:
                result = SwissEphemeris.NativeMethods.swe_houses_ex(call.JulianDay, SwissEphemeris.FlagSidereal, call.Latitude, call.Longitude, 'W', extra, ascmc);
                break;
            case NativeCallKind.UtcToJulianDay:
                result = SwissEphemeris.NativeMethods.swe_utc_to_jd(call.Year, call.Month, call.Day, call.Hour, call.Minute, call.Second, 1, xx, serr);
                break;
            case NativeCallKind.JulianDayToUtc:
            {
                int y, m, d, h, min;
                double sec;
                SwissEphemeris.NativeMethods.swe_jdut1_to_utc(call.JulianDay, 1, &y, &m, &d, &h, &min, &sec);
                break;
            }

            case NativeCallKind.RiseOrSet:
                xx[0] = call.Longitude;
                xx[1] = call.Latitude;
                xx[2] = 0;
                result = SwissEphemeris.NativeMethods.swe_rise_trans(call.JulianDay, (int)SwissEphemeris.Body.Sun, null, SwissEphemeris.FlagSwissEphemeris, call.Flags, xx, 0, 10, extra, serr);
                break;
        }

        return result;
    }

    private void UseSiderealMode(SiderealMode mode)
    {
        if (_sidMode != (int)mode)
        {
            Recording?.Add(new NativeCall(NativeCallKind.SetSiderealMode, Flags: (int)mode));
            SwissEphemeris.NativeMethods.swe_set_sid_mode((int)mode, 0, 0);
            _sidMode = (int)mode;
        }
    }

    /// <summary>Sidereal apparent geocentric position of <paramref name="body"/> at <paramref name="julianDayUt"/>.</summary>
    public EclipticPosition Sidereal(double julianDayUt, SwissEphemeris.Body body, SiderealMode mode)
    {
        UseSiderealMode(mode);
        return Calculate(julianDayUt, body, SwissEphemeris.FlagSwissEphemeris | SwissEphemeris.FlagSpeed | SwissEphemeris.FlagSidereal);
    }

    /// <summary>Tropical apparent geocentric position of <paramref name="body"/>.</summary>
    public EclipticPosition Tropical(double julianDayUt, SwissEphemeris.Body body) =>
        Calculate(julianDayUt, body, SwissEphemeris.FlagSwissEphemeris | SwissEphemeris.FlagSpeed);

    private EclipticPosition Calculate(double julianDayUt, SwissEphemeris.Body body, int flags)
    {
        var xx = stackalloc double[6];
        var serr = stackalloc byte[256];
        Recording?.Add(new NativeCall(NativeCallKind.Calculate, julianDayUt, (int)body, flags));
        var result = SwissEphemeris.NativeMethods.swe_calc_ut(julianDayUt, (int)body, flags, xx, serr);
        if (result < 0)
        {
            throw new EphemerisCalculationException(Marshal.PtrToStringUTF8((nint)serr) ?? "swe_calc_ut failed");
        }

        // Without the data files the library silently falls back to the less precise Moshier theory.
        if ((result & SwissEphemeris.FlagSwissEphemeris) == 0)
        {
            throw new EphemerisCalculationException(
                $"The Swiss Ephemeris data files do not cover JD {julianDayUt:F1} ({body}); the supported range is 1800-01-01 to 2399-12-31.");
        }

        return new EclipticPosition(xx[0], xx[1], xx[3]);
    }

    /// <summary>The ayanamsa in degrees (with nutation, as <c>SEFLG_SIDEREAL</c> positions apply it).</summary>
    public double Ayanamsa(double julianDayUt, SiderealMode mode)
    {
        UseSiderealMode(mode);
        double value;
        var serr = stackalloc byte[256];
        Recording?.Add(new NativeCall(NativeCallKind.Ayanamsa, julianDayUt));
        var result = SwissEphemeris.NativeMethods.swe_get_ayanamsa_ex_ut(julianDayUt, SwissEphemeris.FlagSwissEphemeris, &value, serr);
        if (result < 0)
        {
            throw new EphemerisCalculationException(Marshal.PtrToStringUTF8((nint)serr) ?? "swe_get_ayanamsa_ex_ut failed");
        }

        return value;
    }

    /// <summary>Sidereal ascendant in degrees for a place (latitude and longitude in degrees, north and east positive).</summary>
    public double SiderealAscendant(double julianDayUt, double latitude, double longitude, SiderealMode mode)
    {
        UseSiderealMode(mode);
        var cusps = stackalloc double[13];
        var ascmc = stackalloc double[10];
        Recording?.Add(new NativeCall(NativeCallKind.Houses, julianDayUt, Latitude: latitude, Longitude: longitude));
        var result = SwissEphemeris.NativeMethods.swe_houses_ex(julianDayUt, SwissEphemeris.FlagSidereal, latitude, longitude, 'W', cusps, ascmc);
        if (result < 0)
        {
            throw new EphemerisCalculationException("swe_houses_ex failed");
        }

        return ascmc[0];
    }

    /// <summary>Civil UTC (leap seconds from 1972; earlier instants taken as UT) to a Julian day in UT1.</summary>
    public double UtcToJulianDayUt(int year, int month, int day, int hour, int minute, double second)
    {
        var dret = stackalloc double[2];
        var serr = stackalloc byte[256];
        Recording?.Add(new NativeCall(NativeCallKind.UtcToJulianDay, Year: year, Month: month, Day: day, Hour: hour, Minute: minute, Second: second));
        var result = SwissEphemeris.NativeMethods.swe_utc_to_jd(year, month, day, hour, minute, second, 1, dret, serr);
        if (result < 0)
        {
            throw new EphemerisCalculationException(Marshal.PtrToStringUTF8((nint)serr) ?? "swe_utc_to_jd failed");
        }

        return dret[1];
    }

    /// <summary>A Julian day in UT1 back to civil UTC.</summary>
    public DateTime JulianDayUtToUtc(double julianDayUt)
    {
        int year, month, day, hour, minute;
        double second;
        Recording?.Add(new NativeCall(NativeCallKind.JulianDayToUtc, julianDayUt));
        SwissEphemeris.NativeMethods.swe_jdut1_to_utc(julianDayUt, 1, &year, &month, &day, &hour, &minute, &second);
        var whole = (int)Math.Floor(second);
        var result = new DateTime(year, month, day, hour, minute, Math.Min(whole, 59), DateTimeKind.Utc);
        return result.AddTicks((long)Math.Round((second - whole) * TimeSpan.TicksPerSecond));
    }

    /// <summary>
    /// The next rising or setting of the Sun after <paramref name="julianDayUt"/>, or null where it does not
    /// happen within <paramref name="withinDays"/> days (polar day or night).
    /// </summary>
    public double? NextSunEvent(double julianDayUt, double latitude, double longitude, bool rise, bool discCentreWithoutRefraction, double withinDays = 1)
    {
        var geopos = stackalloc double[3];
        geopos[0] = longitude;
        geopos[1] = latitude;
        geopos[2] = 0;
        double when;
        var serr = stackalloc byte[256];
        var flags = rise ? SwissEphemeris.CalcRise : SwissEphemeris.CalcSet;
        if (discCentreWithoutRefraction)
        {
            flags |= SwissEphemeris.BitDiscCentre | SwissEphemeris.BitNoRefraction;
        }

        // Pressure 0 lets the library estimate it from the altitude; 10 °C is its usual standard temperature.
        Recording?.Add(new NativeCall(NativeCallKind.RiseOrSet, julianDayUt, Flags: flags, Latitude: latitude, Longitude: longitude));
        var result = SwissEphemeris.NativeMethods.swe_rise_trans(julianDayUt, (int)SwissEphemeris.Body.Sun, null, SwissEphemeris.FlagSwissEphemeris, flags, geopos, 0, 10, &when, serr);
        if (result == -1)
        {
            throw new EphemerisCalculationException(Marshal.PtrToStringUTF8((nint)serr) ?? "swe_rise_trans failed");
        }

        // -2: the Sun stays above or below the horizon (circumpolar).
        if (result == -2 || when - julianDayUt > withinDays)
        {
            return null;
        }

        return when;
    }
}

/// <summary>The native functions a context calls.</summary>
internal enum NativeCallKind
{
    SetSiderealMode,
    Calculate,
    Ayanamsa,
    Houses,
    UtcToJulianDay,
    JulianDayToUtc,
    RiseOrSet,
}

/// <summary>One recorded native call with its arguments.</summary>
internal readonly record struct NativeCall(
    NativeCallKind Kind,
    double JulianDay = 0,
    int Body = 0,
    int Flags = 0,
    double Latitude = 0,
    double Longitude = 0,
    int Year = 0,
    int Month = 0,
    int Day = 0,
    int Hour = 0,
    int Minute = 0,
    double Second = 0);
