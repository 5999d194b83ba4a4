#include "announcer.hpp"

#include <baton/decide.hpp>

#include "i18n/words.hpp"

namespace baton::shell {

Observed observe(const AppState& state, const Edits& edits, Time now) {
  Observed s;
  s.workspace = state.screen == Screen::workspace;
  s.live = state.sync.state() == Link::live;
  for (const LockPrompt& p : state.lock_prompts) s.prompts.insert({p.ticket, p.requester});
  if (!s.workspace || !state.open.id || !state.replica) return s;
  s.ticket = state.open.id;
  if (const Ticket* t = state.replica->ticket(s.ticket)) {
    if (t->lock && lock_active(*t, now)) s.lock_holder = t->lock->holder;
    for (const OtherDraft& d : state.replica->others_drafts(t->id, now))
      if (d.kind == DraftKind::reply) s.writers.insert(d.author);
  }
  s.stale = state.composer.ticket == s.ticket && state.composer.stale.has_value();
  const ThreadFollow& thread = edits.thread;
  if (const Ticket* t = state.replica->ticket(s.ticket); t && thread.ticket() == s.ticket && !thread.following()) {
    s.new_below = thread.new_below().count;
    if (s.new_below) s.new_below_words = new_below_words(thread.new_below(), state.directory, t->requester.name);
  }
  return s;
}

std::vector<Announcement> Announcer::next(const Observed& now, const AppState& state) {
  std::vector<Announcement> out;
  const Observed before = seen_ ? last_ : now;
  seen_ = true;
  last_ = now;
  if (!now.workspace) {
    was_live_ = false;
    return out;
  }
  const AgentId me = state.me ? state.me->id : 0;
  auto name = [&](AgentId id) { return state.directory.name(id); };
  if (now.live && !before.live && was_live_) out.push_back({tr("announce.online")});
  if (!now.live && before.live && was_live_) out.push_back({tr("announce.offline")});
  was_live_ = was_live_ || now.live;
  for (const auto& prompt : now.prompts)
    if (!before.prompts.count(prompt)) out.push_back({tr("request.prompt_title", {{"name", name(prompt.second)}}), true});
  if (now.ticket && now.ticket == before.ticket) {
    if (now.lock_holder != before.lock_holder) {
      if (now.lock_holder == me && before.lock_holder && before.lock_holder != me)
        out.push_back({tr("request.handed_to_you", {{"holder", name(before.lock_holder)}})});
      else if (now.lock_holder && now.lock_holder != me)
        out.push_back({tr("announce.locked_by", {{"holder", name(now.lock_holder)}})});
      else if (!now.lock_holder && before.lock_holder != me)
        out.push_back({tr("announce.unlocked", {{"holder", name(before.lock_holder)}})});
    }
    for (AgentId writer : now.writers)
      if (!before.writers.count(writer)) out.push_back({tr("announce.writing", {{"name", name(writer)}})});
    if (now.stale && !before.stale) out.push_back({tr("stale.held")});
    // Each arrival once (the marker's count grew), not every frame the marker shows.
    if (now.new_below > before.new_below) out.push_back({tr("announce.new_below", {{"what", now.new_below_words}})});
  }
  return out;
}

}  // namespace baton::shell
