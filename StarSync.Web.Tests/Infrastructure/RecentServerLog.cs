using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace StarSync.Web.Tests.Infrastructure;

/// <summary>
/// The host's last warnings and errors, kept in memory so a failing browser test can say what the server saw (the
/// console of a test host is not shown by the test runner).
/// </summary>
public sealed class RecentServerLog : ILoggerProvider
{
    private const int Kept = 200;
    private readonly ConcurrentQueue<string> _entries = new();

    public ILogger CreateLogger(string categoryName) => new Writer(this, categoryName);

    /// <summary>The kept entries, oldest first.</summary>
    public IReadOnlyList<string> Entries => [.. _entries];

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > Kept && _entries.TryDequeue(out _))
        {
        }
    }

    private sealed class Writer(RecentServerLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
            }
        }
    }
}
