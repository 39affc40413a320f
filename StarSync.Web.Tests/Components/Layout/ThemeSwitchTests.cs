using Bunit;
using Microsoft.AspNetCore.Components;
using StarSync.Web.Components.Layout;

namespace StarSync.Web.Tests.Components.Layout;

public sealed class ThemeSwitchTests : MudComponentTest
{
    [Fact]
    public void The_switch_turns_the_theme_dark_and_remembers_it_in_the_cookie()
    {
        var remember = JSInterop.SetupModule("./js/starsync.js").SetupVoid("rememberTheme", "dark");
        var layout = Render<RootLayout>(p => p
            .Add(l => l.Body, (RenderFragment)(b =>
            {
                b.OpenComponent<ThemeSwitch>(0);
                b.CloseComponent();
            })));

        layout.Find("[data-testid='theme-switch']").Click();

        Assert.Equal("Switch to light theme", layout.Find("[data-testid='theme-switch']").GetAttribute("aria-label"));
        remember.VerifyInvoke("rememberTheme");
    }
}
