using Bunit;
using StarSync.Web.Components.Pages.Public.Reviews;

namespace StarSync.Web.Tests.Components.Reviews;

/// <summary>The review form: stars, text, its checks and what it hands to the caller.</summary>
public sealed class ReviewEditorTests : MudComponentTest
{
    private readonly List<ReviewEditor.Draft> _saved = [];

    private IRenderedComponent<ReviewEditor> Editor(Action<ComponentParameterCollectionBuilder<ReviewEditor>>? more = null) =>
        Render<ReviewEditor>(p =>
        {
            p.Add(e => e.OnSave, (ReviewEditor.Draft draft) => _saved.Add(draft));
            more?.Invoke(p);
        });

    [Fact]
    public void Saving_without_stars_asks_for_a_rating_and_hands_nothing_over()
    {
        var editor = Editor();

        editor.Find("[data-testid=review-save]").Click();

        Assert.Equal("Choose 1 to 5 stars.", editor.Find("[data-testid=rating-error]").TextContent);
        Assert.Empty(_saved);
        Assert.Equal("Tap a star", editor.Find("[data-testid=rating-label]").TextContent);
    }

    [Fact]
    public void Chosen_stars_and_trimmed_text_are_handed_to_the_caller()
    {
        var editor = Editor();

        editor.Find("[data-testid=star-4]").Click();
        editor.Find("textarea").Input("  Clear guidance on my career <b>thanks</b>  ");
        editor.Find("[data-testid=review-save]").Click();

        var draft = Assert.Single(_saved);
        Assert.Equal(new ReviewEditor.Draft(4, "Clear guidance on my career <b>thanks</b>"), draft);
        Assert.Equal("4 stars: very good", editor.Find("[data-testid=rating-label]").TextContent);
        Assert.Equal("true", editor.Find("[data-testid=star-4]").GetAttribute("aria-checked"));
        Assert.Equal("false", editor.Find("[data-testid=star-5]").GetAttribute("aria-checked"));
        Assert.Empty(editor.FindAll("[data-testid=rating-error]"));
    }

    [Fact]
    public void Choosing_a_star_clears_the_rating_error_and_text_may_be_empty()
    {
        var editor = Editor();
        editor.Find("[data-testid=review-save]").Click();

        editor.Find("[data-testid=star-1]").Click();

        Assert.Empty(editor.FindAll("[data-testid=rating-error]"));
        editor.Find("[data-testid=review-save]").Click();
        Assert.Equal(new ReviewEditor.Draft(1, ""), Assert.Single(_saved));
    }

    [Fact]
    public void An_existing_review_starts_filled_in_and_saving_shows_progress_and_errors()
    {
        var editor = Editor(p => p
            .Add(e => e.InitialRating, 3)
            .Add(e => e.InitialText, "Good")
            .Add(e => e.SaveLabel, "Save changes")
            .Add(e => e.Saving, true)
            .Add(e => e.Error, "Reviews can be edited for 7 days after they are written; this one can no longer be changed."));

        Assert.Equal("Good", editor.Find("textarea").GetAttribute("value") ?? editor.Find("textarea").TextContent);
        Assert.Equal("3 stars: good", editor.Find("[data-testid=rating-label]").TextContent);
        Assert.Contains("Saving…", editor.Find("[data-testid=review-save]").TextContent, StringComparison.Ordinal);
        Assert.True(editor.Find("[data-testid=review-save]").HasAttribute("disabled"));
        Assert.True(editor.Find("[data-testid=star-5]").HasAttribute("disabled"));
        Assert.Contains("can no longer be changed", editor.Find("[data-testid=review-error]").TextContent, StringComparison.Ordinal);
        Assert.Equal(2_000, int.Parse(editor.Find("textarea").GetAttribute("maxlength")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Cancel_shows_only_when_the_caller_handles_it()
    {
        var cancelled = 0;
        Assert.Empty(Editor().FindAll("[data-testid=review-cancel]"));

        var editor = Editor(p => p.Add(e => e.OnCancel, () => cancelled++));
        editor.Find("[data-testid=review-cancel]").Click();

        Assert.Equal(1, cancelled);
        Assert.Empty(_saved);
    }
}
