import { expect } from 'chai';
import { gridRowsFromHtml, parseLegistarGrid } from '../src/index.js';
import { docInput } from './helpers.js';

// The shape of cityofcleveland.legistar.com/Calendar.aspx: a Telerik RadGrid with a pager row, relative
// links, an iCalendar column without header text, video in window.open and a cancellation in <em>.
const PAGE = `<!DOCTYPE html><html><body><form>
<table class="rgMasterTable" id="ctl00_ContentPlaceHolder1_gridCalendar_ctl00">
<thead>
<tr class="rgPager"><td colspan="9"><a class="rgCurrentPage">1</a></td></tr>
<tr><th class="rgHeader">Name</th><th class="rgHeader">Meeting Date</th><th class="rgHeader">&nbsp;</th>
<th class="rgHeader">Meeting Time</th><th class="rgHeader">Meeting Location</th><th class="rgHeader">Meeting Details</th>
<th class="rgHeader">Agenda</th><th class="rgHeader">Minutes</th><th class="rgHeader">Video</th></tr>
</thead>
<tbody>
<tr class="rgRow">
<td><a href="DepartmentDetail.aspx?ID=32374&amp;GUID=FD69">City Council</a></td><td>9/16/2019</td>
<td><a href="View.ashx?M=IC&amp;ID=705441&amp;GUID=118F"><img src="ical.gif"></a></td>
<td><span>7:00 PM</span></td><td>Council Chambers</td>
<td><a href="MeetingDetail.aspx?ID=705441&amp;GUID=118F&amp;Options=info">Meeting&nbsp;details</a></td>
<td><a href="View.ashx?M=A&amp;ID=705441&amp;GUID=118F">Agenda</a></td><td>Not&nbsp;available</td>
<td><a href="#" onclick="window.open('Video.aspx?Mode=Granicus&amp;ID1=9&amp;Mode2=Video','video');return false;">Video</a></td>
</tr>
<tr class="rgAltRow">
<td><a href="DepartmentDetail.aspx?ID=32729">Safety Committee</a></td><td>1/30/2019</td>
<td><a href="View.ashx?M=IC&amp;ID=650001&amp;GUID=AAAA"><img src="ical.gif"></a></td>
<td>10:00 AM</td><td>Mercedes Cotner Committee Room 217<br><em>THIS SAFETY COMMITTEE MEETING HAS BEEN CANCELLED.</em></td>
<td>Meeting&nbsp;details</td><td>Not&nbsp;available</td><td>Not&nbsp;available</td><td>Not&nbsp;available</td>
</tr>
<tr class="rgRow">
<td><a href="DepartmentDetail.aspx?ID=32374&amp;GUID=FD69">City Council</a></td><td>9/16/2019</td>
<td><a href="View.ashx?M=IC&amp;ID=705441&amp;GUID=118F"><img src="ical.gif"></a></td>
<td>7:00 PM</td><td>Council Chambers</td><td>Meeting&nbsp;details</td><td>Not&nbsp;available</td>
<td>Not&nbsp;available</td><td>Not&nbsp;available</td>
</tr>
</tbody></table></form></body></html>`;
const url = 'https://cityofcleveland.legistar.com/Calendar.aspx';

describe('scraper-legistar legistar-grid HTML', () => {
  it('reads grid rows keyed by header, resolving relative and scripted links', () => {
    const [first] = gridRowsFromHtml(PAGE, url) ?? [];
    expect(first).to.deep.equal({
      Name: {
        label: 'City Council',
        url: 'https://cityofcleveland.legistar.com/DepartmentDetail.aspx?ID=32374&GUID=FD69',
      },
      'Meeting Date': '9/16/2019',
      iCalendar: {
        label: '',
        url: 'https://cityofcleveland.legistar.com/View.ashx?M=IC&ID=705441&GUID=118F',
      },
      'Meeting Time': '7:00 PM',
      'Meeting Location': 'Council Chambers',
      'Meeting Details': {
        label: 'Meeting details',
        url: 'https://cityofcleveland.legistar.com/MeetingDetail.aspx?ID=705441&GUID=118F&Options=info',
      },
      Agenda: {
        label: 'Agenda',
        url: 'https://cityofcleveland.legistar.com/View.ashx?M=A&ID=705441&GUID=118F',
      },
      Minutes: 'Not available',
      Video: {
        label: 'Video',
        url: 'https://cityofcleveland.legistar.com/Video.aspx?Mode=Granicus&ID1=9&Mode2=Video',
      },
    });
  });

  it('turns the page into meetings: cancellation from <em>, duplicates by meeting ID dropped', () => {
    const meetings = parseLegistarGrid(docInput(PAGE, { url, contentType: 'text/html' }));
    expect(meetings.map((m) => [m.start, m.title, m.location?.name, m.statusHint, m.sourceId])).to.deep.equal(
      [
        ['2019-09-16T19:00:00', 'City Council', 'Council Chambers', 'confirmed', '705441'],
        [
          '2019-01-30T10:00:00',
          'Safety Committee',
          'Mercedes Cotner Committee Room 217',
          'cancelled',
          '650001',
        ],
      ],
    );
    expect(meetings[0]?.links.map((l) => l.kind)).to.deep.equal(['agenda', 'video']);
    expect(meetings[0]?.sourceUrl).to.equal(
      'https://cityofcleveland.legistar.com/MeetingDetail.aspx?ID=705441&GUID=118F&Options=info',
    );
  });
});
