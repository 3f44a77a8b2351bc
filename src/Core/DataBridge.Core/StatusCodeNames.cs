using System.Diagnostics.CodeAnalysis;

namespace DataBridge.Core;

/// <summary>Symbolic names of the status codes, from the generated table (<c>Generated/StatusCodes.g.cs</c>).</summary>
public static partial class StatusCodeNames
{
    /// <summary>Looks up the symbolic name of a status code (info bits cleared).</summary>
    public static bool TryGetName(uint code, [NotNullWhen(true)] out string? name)
    {
        if (code == 0)
        {
            name = "Good";
            return true;
        }

        return Names.TryGetValue(code, out name);
    }
}
