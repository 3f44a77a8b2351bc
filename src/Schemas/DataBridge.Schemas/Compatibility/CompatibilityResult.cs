namespace DataBridge.Schemas.Compatibility;

/// <summary>The outcome of a compatibility check: compatible, or every problem found with the path to it.</summary>
public sealed class CompatibilityResult
{
    internal CompatibilityResult(IReadOnlyList<string> problems) => Problems = problems;

    /// <summary>True when the reader can read every datum the writer can write.</summary>
    public bool IsCompatible => Problems.Count == 0;

    /// <summary>One sentence per problem, each starting with the field path, e.g. <c>TagValue.value: ...</c>.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <inheritdoc />
    public override string ToString() => IsCompatible ? "compatible" : string.Join(Environment.NewLine, Problems);
}
