namespace DataBridge.Kpi.Model.Yaml;

/// <summary>One problem in a KPI model file, with its position.</summary>
/// <param name="File">The file name as given to the loader.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong and what to write instead.</param>
public sealed record KpiModelError(string File, int Line, int Column, string Message)
{
    /// <summary>The compiler-style text <c>file:line:column: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
