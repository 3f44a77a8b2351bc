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
    /// <summary>The key whose values are secrets (<c>password</c>), inside a mapping under <see cref="OwnerKey"/>.</summary>
    public const string SecretKey = "password";

    /// <summary>
    /// Only the OPC UA <c>security:</c> block: Kafka's SASL/TLS passwords are still substituted as before (its client
    /// needs the value and never logs it).
    /// </summary>
    public const string OwnerKey = "security";

    /// <summary>The texts written as <c>security: { password: ... }</c> values anywhere in <paramref name="yaml"/>.</summary>
    public static HashSet<string> Find(string yaml)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var frames = new Stack<Frame>();
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
                            if (!top.ExpectKey && top.PendingKey == SecretKey && top.OwnerKey == OwnerKey)
                            {
                                found.Add(scalar.Value);
                            }

                            frames.Pop();
                            frames.Push(top with { ExpectKey = !top.ExpectKey, PendingKey = top.ExpectKey ? scalar.Value : null });
                        }

                        break;
                    case AnchorAlias:
                        Advance(frames);
                        break;
                    case MappingStart:
                        var owner = frames.TryPeek(out var parent) && parent.Mapping && !parent.ExpectKey ? parent.PendingKey : null;
                        Advance(frames);
                        frames.Push(new Frame(true, true, null, owner));
                        break;
                    case SequenceStart:
                        Advance(frames);
                        frames.Push(new Frame(false, false, null, null));
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
    private static void Advance(Stack<Frame> frames)
    {
        if (frames.TryPeek(out var top) && top.Mapping)
        {
            frames.Pop();
            frames.Push(top with { ExpectKey = !top.ExpectKey, PendingKey = null });
        }
    }

    private readonly record struct Frame(bool Mapping, bool ExpectKey, string? PendingKey, string? OwnerKey);
}
