using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DataBridge.Bridge.Configuration.Yaml;

/// <summary>
/// Finds, before the configuration tree is built, the scalars written as values of secret keys (<c>password</c>), so
/// that <see cref="Substitution"/> leaves them as written: the binder turns them into a <c>SecretReference</c> and the
/// secret itself is read only when it is used, never into the parsed tree, a diagnostic or a log line.
/// </summary>
internal static class SecretScalars
{
    /// <summary>Keys whose values are secrets.</summary>
    public static readonly string[] Keys = ["password"];

    /// <summary>The texts written as values of <see cref="Keys"/> anywhere in <paramref name="yaml"/>.</summary>
    public static HashSet<string> Find(string yaml)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var frames = new Stack<(bool Mapping, bool ExpectKey, bool SecretValue)>();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case Scalar scalar:
                        if (frames.TryPeek(out var top) && top.Mapping)
                        {
                            if (!top.ExpectKey && top.SecretValue)
                            {
                                found.Add(scalar.Value);
                            }

                            frames.Pop();
                            frames.Push((true, !top.ExpectKey, top.ExpectKey && Array.IndexOf(Keys, scalar.Value) >= 0));
                        }

                        break;
                    case AnchorAlias:
                        Advance(frames);
                        break;
                    case MappingStart:
                        Advance(frames);
                        frames.Push((true, true, false));
                        break;
                    case SequenceStart:
                        Advance(frames);
                        frames.Push((false, false, false));
                        break;
                    case MappingEnd or SequenceEnd:
                        frames.TryPop(out _);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            _ = ex;
            // A syntax error: the tree builder reports it with its position; what was found so far stays protected.
        }

        return found;
    }

    /// <summary>A non-scalar node is a key or a value of the enclosing mapping: flip its expectation.</summary>
    private static void Advance(Stack<(bool Mapping, bool ExpectKey, bool SecretValue)> frames)
    {
        if (frames.TryPeek(out var top) && top.Mapping)
        {
            frames.Pop();
            frames.Push((true, !top.ExpectKey, false));
        }
    }
}
