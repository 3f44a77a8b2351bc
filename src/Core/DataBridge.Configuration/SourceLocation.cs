namespace DataBridge.Configuration;

/// <summary>Where something was written in a configuration file (1-based line and column), so errors and metadata can point at it.</summary>
/// <param name="File">The file name as given to the loader (kept relative when the user wrote it relative).</param>
/// <param name="Line">1-based line number; 0 when unknown.</param>
/// <param name="Column">1-based column number; 0 when unknown.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>Formats as <c>file:line:column</c>, the form editors and terminals turn into links.</summary>
    public override string ToString() => string.Concat(File, ":", Line.ToString(System.Globalization.CultureInfo.InvariantCulture), ":", Column.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
