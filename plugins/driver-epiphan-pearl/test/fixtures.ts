/* Reply examples copied from epiphan-video/pearl_api_swagger_ui api/v2.0/openapi.yml. */

/** The example of GET /channels in api/v2.0/openapi.yml (settings in its flattened form). */
export const SPEC_CHANNELS = {
  status: 'ok',
  result: [
    {
      id: '1',
      name: 'HDMI-A Updated2',
      publishers: [
        {
          id: '0',
          type: 'rtmp',
          name: 'Stream 1',
          status: { is_configured: true, started: false, state: 'stopped' },
          settings: {
            type: 'rtmp',
            started: false,
            url: 'rtmp://192.168.114.57/live/',
            stream: 'agamoskin',
            username: '',
            password: '',
          },
        },
        {
          id: '1',
          type: 'rtsp',
          name: 'Stream1 Updated',
          status: { is_configured: true, started: false, state: 'stopped' },
          settings: { type: 'rtsp', url: 'rtsp://192.168.114.59/live/', transport: 'udp' },
        },
        {
          id: '2',
          type: 'srt',
          name: 'Stream 3',
          status: {
            is_configured: true,
            started: true,
            state: 'started',
            duration: 17481,
            since: 1734612472,
            statistics: {
              total: {
                duration: 17474,
                pkt_sent: 6090501,
                pkt_loss: 0,
                pkt_retrans: 0,
                pkt_drop: 0,
                latency: 125,
                byte_sent: 7759992228,
                byte_retrans: 0,
                byte_drop: 0,
              },
              current: {
                duration: 20,
                send_rate: 3.559,
                loss_ratio: 0,
                retrans_ratio: 0,
                drop_ratio: 0,
                latency: 125,
                rtt: 1131,
                estimated_bandwidth: 324.636,
                send_buffer: 1000,
                stream_id: '',
                ip: '192.168.86.102',
              },
            },
            reconnections: 0,
          },
          settings: { type: 'srt', url: '', mode: 'listener', port: 1026 },
        },
      ],
      encoders: [
        { id: '0', type: 'video', name: 'H.264', resolution: '1920x1080', framerate: 30, bitrate: 3000 },
      ],
    },
  ],
};

/** The "All recorders" example of GET /recorders/status (first two entries). */
export const SPEC_RECORDERS = {
  status: 'ok',
  result: [
    { id: '1', name: 'HDMI-A', status: { state: 'started', duration: 58, active: '1', total: '1' } },
    { id: '2', name: 'HDMI-B', status: { state: 'stopped' } },
  ],
};
