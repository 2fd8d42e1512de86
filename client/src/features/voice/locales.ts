/**
 * Strings of voice messages (语音): recording (hold to talk / click to start and stop),
 * the player, and why a recording was refused. `en` is typed against `zh-CN`.
 */
import type { VoiceRefusal } from '@linli/shared';

const zhCN = {
  voice: {
    record: '按住说话',
    recordDesktop: '录音',
    stop: '停止并发送',
    stopForm: '停止录音',
    recording: '正在录音…',
    holdHint: '松开发送，上滑取消',
    releaseToCancel: '松开手指，取消发送',
    clickHint: '再点一次停止并发送',
    left: '还剩 {{seconds}} 秒',
    cancel: '取消',
    cancelled: '已取消录音',
    uploading: '正在发送语音…',
    tooShort: '说话时间太短',
    noMicrophone: '没有麦克风权限，请在浏览器设置中允许使用麦克风',
    unsupported: '这个浏览器不能录制语音（需要 Opus 格式，例如 Chrome、Edge、Firefox 或安卓手机浏览器），请用文字',
    failed: '语音没有发出去，请再试一次',
    cannotPlay: '这个浏览器不能播放这段语音',
    play: '播放语音，{{duration}}',
    pause: '暂停',
    label: '语音',
    seconds: '{{seconds}}″',
    attached: '已录好一段语音（{{duration}}）',
    remove: '删除语音',
    describe: '用语音描述（可选）',
    refusals: {
      empty: '录音是空的',
      too_large: '录音太大（最多 1 MB）',
      wrong_type: '不是可以接受的语音格式',
      not_opus: '不是可以接受的语音格式（需要 Opus）',
      damaged: '录音不完整，请重录',
      too_long: '录音超过 60 秒',
      too_short: '说话时间太短',
    } satisfies Record<VoiceRefusal, string>,
  },
};

const en: typeof zhCN = {
  voice: {
    record: 'Hold to talk',
    recordDesktop: 'Record',
    stop: 'Stop and send',
    stopForm: 'Stop recording',
    recording: 'Recording…',
    holdHint: 'Release to send, slide up to cancel',
    releaseToCancel: 'Release to cancel',
    clickHint: 'Click again to stop and send',
    left: '{{seconds}} s left',
    cancel: 'Cancel',
    cancelled: 'Recording cancelled',
    uploading: 'Sending the voice message…',
    tooShort: 'Too short',
    noMicrophone: 'No microphone permission: allow the microphone in the browser settings',
    unsupported: 'This browser cannot record voice messages (Opus is needed: Chrome, Edge, Firefox or an Android browser); please type instead',
    failed: 'The voice message was not sent; try again',
    cannotPlay: 'This browser cannot play this recording',
    play: 'Play voice message, {{duration}}',
    pause: 'Pause',
    label: 'Voice',
    seconds: '{{seconds}}″',
    attached: 'Voice recorded ({{duration}})',
    remove: 'Remove the recording',
    describe: 'Describe it by voice (optional)',
    refusals: {
      empty: 'The recording is empty',
      too_large: 'The recording is too large (1 MB at most)',
      wrong_type: 'Not an accepted audio format',
      not_opus: 'Not an accepted audio format (Opus is needed)',
      damaged: 'The recording is incomplete; record it again',
      too_long: 'The recording is longer than 60 seconds',
      too_short: 'Too short',
    },
  },
};

export const voiceLocales = { 'zh-CN': zhCN, en };
