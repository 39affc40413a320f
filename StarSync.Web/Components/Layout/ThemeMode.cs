namespace StarSync.Web.Components.Layout;

/// <summary>The current light or dark choice, cascaded from <see cref="RootLayout"/> to whatever shows the switch.</summary>
public sealed class ThemeMode(Func<Task> toggle)
{
    public bool IsDark { get; internal set; }

    /// <summary>Switches theme and remembers the choice in the visitor's cookie.</summary>
    public Task ToggleAsync() => toggle();
}
