namespace FaceAccord.Service.Reports;

/// <summary>The kinds of content a <see cref="ReportDocument"/> holds; renderers switch over them.</summary>
public abstract record ReportBlock
{
    private ReportBlock()
    {
    }

    /// <summary>A section heading.</summary>
    public sealed record Heading(string Text) : ReportBlock;

    /// <summary>A paragraph of plain text.</summary>
    public sealed record Paragraph(string Text) : ReportBlock;

    /// <summary>A statement shown prominently.</summary>
    public sealed record Warning(string Text) : ReportBlock;

    /// <summary>A bulleted list.</summary>
    public sealed record List(IReadOnlyList<string> Items) : ReportBlock;

    /// <summary>A table; <paramref name="KeyValue"/> marks a two-column name/value table without a header row.</summary>
    public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, bool KeyValue = false) : ReportBlock;

    /// <summary>A PNG picture with the words that describe it.</summary>
    public sealed record Image(string Description, byte[] Png) : ReportBlock;
}
