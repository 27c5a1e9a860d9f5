# `scripts/lab attack`: replays the incident with real SMTP sessions (swaks).
# Repeatable: every run adds the same mix of mail with fresh random names.
# shellcheck shell=bash

ATTACK_PARALLEL=${ATTACK_PARALLEL:-10}
FIRST_NAMES=(linda james robert mary john patricia michael jennifer david susan carr henry kevin nancy)
LAST_NAMES=(watts robert smith jones brown miller davis wilson moore taylor chee bny hsr lee)
FORGED_DOMAINS=(yahoo.com.hk hotmail.com 163.com aol.com yahoo.com 126.com sina.com)
VICTIM_DOMAINS=(qq.com yahoo.com verizon.net bellsouth.net cox.net att.net comcast.net honeywell.com gmail.com)
SUBJECTS=("Replica watches 80% OFF" "Your account statement" "Re: business proposal" "Cheap meds online - no prescription" "You have won USD 1,000,000" "Hot singles near you" "Invoice overdue")
BOTNET_HELOS=(User localhost PC-01 WIN-7Q2KD home "[192.168.1.2]")
BOUNCE_MTAS=(mx3.qq.com mta5.am0.yahoodns.net relay.verizon.net gateway-f1.isp.att.net mx.west.cox.net mx1.163.com)

pick() { local -n _arr=$1; printf '%s' "${_arr[RANDOM % ${#_arr[@]}]}"; }
forged_sender() { printf '%s%s%d@%s' "$(pick FIRST_NAMES)" "$(pick LAST_NAMES)" $((RANDOM % 900 + 10)) "$(pick FORGED_DOMAINS)"; }
victims() {
  local n=$1 i out=()
  for ((i = 0; i < n; i++)); do out+=("$(pick FIRST_NAMES)$(pick LAST_NAMES)$((RANDOM % 9000))@$(pick VICTIM_DOMAINS)"); done
  local IFS=,; printf '%s' "${out[*]}"
}

spam_body() {
  local lines=$((RANDOM % 30 + 10)) i
  printf 'Dear friend,\n\nLIMITED OFFER: genuine replica watches, handbags and pills at factory prices.\n'
  for ((i = 0; i < lines; i++)); do
    printf 'Order now at http://cheap-%d.example.invalid/offer?id=%d and save %d%% today!\n' $((RANDOM % 50)) $RANDOM $((RANDOM % 90 + 10))
  done
  printf '\nTo unsubscribe reply REMOVE.\n'
}

# One SMTP session. Logs to $ATTACK_TMP/<tag>.log, exit status to <tag>.rc.
smtp_session() {
  local tag=$1; shift
  local rc=0
  swaks --server 127.0.0.1 --port 25 --timeout 60 "$@" </dev/null >"$ATTACK_TMP/$tag.log" 2>&1 || rc=$?
  echo "$rc" >"$ATTACK_TMP/$tag.rc"
}

send_spam() { # tag client_ip helo
  smtp_session "$1" --local-interface "$2" --ehlo "$3" --auth LOGIN \
    --auth-user info@example.com --auth-password info123 \
    --from "$(forged_sender)" --to "$(victims $((RANDOM % 11 + 10)))" \
    --header "Subject: $(pick SUBJECTS)" --body "$(spam_body)"
}

send_legit() { # tag client_ip user password to
  smtp_session "$1" --local-interface "$2" --ehlo "ws-$RANDOM.example.com" --auth LOGIN \
    --auth-user "$3" --auth-password "$4" --from "$3" --to "$5" \
    --header "Subject: weekly report $RANDOM" --body "Hi, the numbers for this week are attached inline. Regards."
}

brute_force() { # tag username
  smtp_session "$1" --local-interface 127.0.0.99 --ehlo "scanner" --auth LOGIN \
    --auth-user "$2" --auth-password "guess$RANDOM" --quit-after AUTH
}

send_bounce() { # tag
  local file=$ATTACK_TMP/$1.eml mta victim forged boundary
  mta=$(pick BOUNCE_MTAS); victim=$(victims 1); forged=$(forged_sender)
  boundary="$RANDOM$RANDOM.$(date +%s)/$mta"
  cat >"$file" <<MSG
From: Mail Delivery System <MAILER-DAEMON@$mta>
To: info@example.com
Subject: Undelivered Mail Returned to Sender
Date: $(date -R)
Message-Id: <$RANDOM$RANDOM.bounce@$mta>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="$boundary"

This is a MIME-encapsulated message.

--$boundary
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host $mta.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<$victim>: host $mta said: 550 5.1.1 Mailbox not found

--$boundary
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; $mta
Arrival-Date: $(date -R)

Final-Recipient: rfc822; $victim
Original-Recipient: rfc822;$victim
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 Mailbox not found

--$boundary
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

Return-Path: <info@example.com>
From: $forged
To: $victim
Subject: $(pick SUBJECTS)

--$boundary--
MSG
  smtp_session "$1" --local-interface 127.0.0.1 --ehlo "$mta" --from '<>' --to info@example.com --data "@$file"
}

# Runs the lines of stdin as commands, at most ATTACK_PARALLEL at a time.
run_pool() {
  local words
  while read -ra words; do
    while (($(jobs -rp | wc -l) >= ATTACK_PARALLEL)); do wait -n || true; done
    "${words[@]}" &
  done
  wait || true
}

attack_plan() {
  local i ip legit
  if [[ -n ${ATTACK_SPAM:-} ]]; then
    # --spam N: a short, bounded replay (the sending-limit tests): N spam runs
    # from a botnet, one message each, and the legitimate users; nothing else.
    for ((i = 1; i <= ATTACK_SPAM; i++)); do echo "send_spam bot$i 127.0.1.$((10 + i % 200)) $(pick BOTNET_HELOS)"; done
  else
    for ((i = 1; i <= 150; i++)); do echo "send_spam spam$i 127.0.0.66 User"; done
    for ((i = 1; i <= 40; i++)); do
      ip=127.0.1.$((10 + i % 5))
      echo "send_spam bot$i $ip $(pick BOTNET_HELOS)"
    done
  fi
  legit_plan
  [[ -n ${ATTACK_SPAM:-} ]] && return 0
  for ((i = 1; i <= 30; i++)); do
    echo "brute_force brute$i $(printf '%s\n' info@example.com admin@example.com test@example.com root@example.com | shuf -n1)"
  done
  for ((i = 1; i <= 40; i++)); do echo "send_bounce bounce$i"; done
}

legit_plan() {
  local i legit
  legit=(
    "test1@example.com 123456 partner$RANDOM@gmail.com,alice@example.com"
    "alice@example.com Alice-2015! bob@example.com"
    "alice@example.com Alice-2015! client$RANDOM@yahoo.com"
    "bob@example.com bob@2013 ceo@corp.test"
    "bob@example.com bob@2013 supplier$RANDOM@163.com"
    "sales@example.com sales2012 buyer$RANDOM@qq.com,team@example.com"
    "ceo@corp.test Ceo-corp-1 all@corp.test"
    "hr@corp.test hr-corp-2 candidate$RANDOM@hotmail.com"
    "dev@corp.test dev-corp-3 alice@example.com"
    "test1@example.com 123456 test1@example.com"
  )
  for ((i = 0; i < ${#legit[@]}; i++)); do echo "send_legit legit$i 127.0.2.$((10 + i)) ${legit[i]}"; done
}

count_rc() { # prefix -> "ok failed"
  local ok=0 bad=0 f
  for f in "$ATTACK_TMP/$1"*.rc; do
    [[ -e $f ]] || continue
    if [[ $(cat "$f") == 0 ]]; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
  done
  echo "$ok $bad"
}

queue_settled() {
  [[ -z $(find "$SPOOL/incoming" "$SPOOL/active" "$SPOOL/maildrop" -type f -print -quit 2>/dev/null) ]]
}

lab_attack() {
  postfix_running && sink_pid >/dev/null || die "the lab is not up: run scripts/lab up first"
  # --if-needed: the demo and the test gate want the incident running, not a
  # second copy of it each time they start.
  if [[ ${1:-} == --spam ]]; then
    [[ ${2:-} =~ ^[1-9][0-9]{0,4}$ ]] || die "attack --spam N: N must be 1..99999"
    ATTACK_SPAM=$2
  fi
  if [[ ${1:-} == --if-needed ]]; then
    local deferred
    deferred=$(find "$(postconf -h queue_directory)/deferred" -type f 2>/dev/null | wc -l)
    if ((deferred >= 100)); then
      say "attack: the incident is already running ($deferred deferred messages); not attacking again"
      return 0
    fi
  fi
  local t0=$SECONDS log_before
  log_before=$(wc -l <"$MAILLOG")
  ATTACK_TMP=$(mktemp -d /tmp/mailwarden-lab-attack.XXXXXX)
  if [[ -n ${ATTACK_SPAM:-} ]]; then
    say "attack: $ATTACK_SPAM spam runs as info@example.com from a botnet, 10 legitimate"
  else
    say "attack: 150 spam runs from 127.0.0.66, 40 from a botnet, 10 legitimate, 30 brute-force logins, 40 bounces"
  fi
  attack_plan | shuf | run_pool
  local kind ok bad
  for kind in spam bot legit brute bounce; do
    read -r ok bad < <(count_rc "$kind")
    say "attack: $kind sessions: $ok accepted, $bad refused"
  done
  read -r ok bad < <(count_rc spam)
  if ((bad > 0)); then
    warn "some spam sessions failed; first failure:"
    grep -l -v '^0$' "$ATTACK_TMP"/spam*.rc | head -1 | sed 's/\.rc$/.log/' | xargs tail -n 5 >&2 || true
  fi
  say "attack: waiting for the queue to settle (deliveries tried, refused, deferred)"
  local i
  for ((i = 0; i < 300; i++)); do queue_settled && break; sleep 0.2; done
  queue_settled || warn "incoming/active queues still not empty after 60 s"
  rm -rf "$ATTACK_TMP"
  say "attack: done in $((SECONDS - t0)) s"
  queue_summary
  say "maillog: $(($(wc -l <"$MAILLOG") - log_before)) new lines ($(wc -l <"$MAILLOG") total)," \
    "$(grep -c 'refused to talk to me' "$MAILLOG") 'refused to talk to me'," \
    "$(grep -c 'SASL LOGIN authentication failed' "$MAILLOG") SASL failures"
}
