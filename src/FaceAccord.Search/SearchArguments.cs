using FaceAccord.Core;

namespace FaceAccord.Search;

/// <summary>The checks every index applies to a search request, so all of them refuse the same things the same way.</summary>
internal static class SearchArguments
{
    public static void Check(int top, float minSimilarity)
    {
        if (top < 1)
        {
            throw FaceAccordException.BadInput("search-top-invalid", $"A search must ask for at least one subject (top was {top}).");
        }

        if (float.IsNaN(minSimilarity))
        {
            throw FaceAccordException.BadInput("search-threshold-invalid", "The minimum similarity of a search is NaN.");
        }
    }
}
