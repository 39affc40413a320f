namespace StarSync.Engine.Astrology.Ephemeris;

/// <summary>Where the Swiss Ephemeris finds its data files and how many threads run calculations.</summary>
public sealed class EphemerisOptions
{
    /// <summary>The Debian package <c>swe-basic-data</c> installs the <c>_18</c> files (1800–2399) here.</summary>
    public const string DebianDataFolder = "/usr/share/libswe/ephe";

    /// <summary>Folder holding <c>sepl_18.se1</c>, <c>semo_18.se1</c> and friends (<c>SE_EPHE_PATH</c>).</summary>
    public string DataFolder { get; set; } = DebianDataFolder;

    /// <summary>Long-lived calculation threads; 0 means one per processor.</summary>
    public int WorkerThreads { get; set; }
}
