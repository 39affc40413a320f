using MudBlazor;

namespace StarSync.Web.Components.Layout;

/// <summary>
/// The one place the app's look is defined: deep indigo (the night sky the charts are read from) with saffron
/// accents. Every pairing of text and background used here passes WCAG AA (4.5:1 for body text); saffron is
/// only ever a background under dark text or an accent beside text, never text on white.
/// </summary>
public static class StarSyncTheme
{
    private static readonly string[] BodyFont =
        ["Inter", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "DejaVu Sans", "Helvetica Neue", "Arial", "sans-serif"];

    private static readonly string[] HeadingFont =
        ["Georgia", "Noto Serif", "DejaVu Serif", "Cambria", "Times New Roman", "serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#332C8F",
            PrimaryContrastText = "#FFFFFF",
            PrimaryDarken = "#241F6B",
            PrimaryLighten = "#5048B8",
            Secondary = "#F29A1F",
            SecondaryContrastText = "#1B1740",
            Tertiary = "#A3336B",
            TertiaryContrastText = "#FFFFFF",
            Info = "#1F5FA8",
            Success = "#1E7A46",
            Warning = "#9A5B00",
            WarningContrastText = "#FFFFFF",
            Error = "#B3261E",
            Background = "#FAF7F2",
            BackgroundGray = "#F1ECE3",
            Surface = "#FFFFFF",
            AppbarBackground = "#221D5E",
            AppbarText = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#262252",
            DrawerIcon = "#4A438F",
            TextPrimary = "#1E1A3C",
            TextSecondary = "#57536E",
            ActionDefault = "#4A4763",
            LinesDefault = "#E4DED3",
            LinesInputs = "#8D889E",
            TableLines = "#ECE6DC",
            TableStriped = "#FBF8F3",
            TableHover = "#F4EFE6",
            Divider = "#E4DED3",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#ABA6FF",
            PrimaryContrastText = "#14112E",
            PrimaryDarken = "#8C86F0",
            PrimaryLighten = "#C9C6FF",
            Secondary = "#FFB54D",
            SecondaryContrastText = "#1B1740",
            Tertiary = "#F28DBB",
            TertiaryContrastText = "#14112E",
            Info = "#8EC1FF",
            Success = "#7FD6A0",
            Warning = "#FFC46B",
            WarningContrastText = "#14112E",
            Error = "#FF9B92",
            Background = "#100E24",
            BackgroundGray = "#17143A",
            Surface = "#1A1740",
            AppbarBackground = "#16133A",
            AppbarText = "#F3F1FF",
            DrawerBackground = "#16133A",
            DrawerText = "#E6E3FA",
            DrawerIcon = "#C9C6FF",
            TextPrimary = "#F1EFFC",
            TextSecondary = "#BDB8DA",
            ActionDefault = "#C9C5E4",
            LinesDefault = "#332F62",
            LinesInputs = "#8C87B3",
            TableLines = "#2C285A",
            TableStriped = "#1D1A46",
            TableHover = "#242053",
            Divider = "#332F62",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = BodyFont },
            H1 = new H1Typography { FontFamily = HeadingFont, FontWeight = "600" },
            H2 = new H2Typography { FontFamily = HeadingFont, FontWeight = "600" },
            H3 = new H3Typography { FontFamily = HeadingFont, FontWeight = "600", FontSize = "2.25rem", LineHeight = "1.2" },
            H4 = new H4Typography { FontFamily = HeadingFont, FontWeight = "600", FontSize = "1.75rem", LineHeight = "1.25" },
            H5 = new H5Typography { FontFamily = HeadingFont, FontWeight = "600", FontSize = "1.35rem" },
            H6 = new H6Typography { FontFamily = HeadingFont, FontWeight = "600", FontSize = "1.1rem" },
            Button = new ButtonTypography { FontFamily = BodyFont, FontWeight = "600", TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "10px",
            DrawerWidthLeft = "248px",
            AppbarHeight = "60px",
        },
    };
}
