using System;
using System.Collections.Generic;
using VaultTools.Errors;

namespace VaultTools.Internal
{
    /// <summary>Runs an SDK call and turns its failures into VaultExceptions (see ServiceErrors).</summary>
    internal static class Translate
    {
        public static T Call<T>(EntryKind kind, string? target, Func<T> call)
        {
            try
            {
                return call();
            }
            catch (Exception ex) when (ServiceErrors.Translate(ex, kind, target) is VaultException translated && !ReferenceEquals(translated, ex))
            {
                throw translated;
            }
        }

        public static void Call(EntryKind kind, string? target, Action call)
            => Call<object?>(kind, target, () =>
            {
                call();
                return null;
            });

        /// <summary>Enumerates a pageable lazily, translating failures that happen while paging.</summary>
        public static IEnumerable<T> Enumerate<T>(EntryKind kind, string? target, Func<IEnumerable<T>> source)
        {
            IEnumerator<T> e = Call(kind, target, () => source().GetEnumerator());
            using (e)
            {
                while (Call(kind, target, e.MoveNext))
                {
                    yield return e.Current;
                }
            }
        }
    }
}
