// The Topics view's roots once topics are built: while they build the server answers at once
// with one "Building topics… N%" node, and the view asks again.
export async function topicRoots(client, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const roots = await client.request('litnotes/topicTree', {});
    if (!(roots.length === 1 && roots[0].id === 'building')) return roots;
    if (Date.now() > deadline) throw new Error(`topics still building after ${timeoutMs} ms: ${roots[0].label}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
