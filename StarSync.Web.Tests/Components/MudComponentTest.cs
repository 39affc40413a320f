using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace StarSync.Web.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor's services and loose JS interop (MudBlazor calls JS the tests do not care about).
/// Disposed asynchronously: some MudBlazor services are only <see cref="IAsyncDisposable"/>.
/// </summary>
public abstract class MudComponentTest : BunitContext, IAsyncLifetime
{
    protected MudComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
