namespace StarSync.Engine.Astrology.Ephemeris;

/// <summary>The Swiss Ephemeris library or its data files are missing; the message says what to install.</summary>
public sealed class EphemerisUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
